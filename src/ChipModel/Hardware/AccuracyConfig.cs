namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>
/// The settings only the accuracy replay reads: the cell non-idealities of DNN+NeuroSim V2.0's hardware-aware inference
/// (<c>vari</c>, retention <c>t</c>, <c>v</c>, <c>detect</c>, <c>target</c>; its argument names), stuck-at cells
/// (<c>rate_stuck_0</c> at Gmin, <c>rate_stuck_1</c> at Gmax) and <c>v2Quirks</c>. Everything else the accuracy replay reads
/// (cellBit, levelOutput, numRowSubArray, the on/off ratio, memcelltype, novelMapping) is the chip's own
/// <see cref="HardwareConfig"/>. Kept apart from <see cref="HardwareConfig"/> so that its keys do not enter the chip's
/// <see cref="ConfigIdentity"/>: every stored replay keeps its configuration id (docs/architecture.md).
/// </summary>
public sealed record AccuracyConfig
{
    public static readonly AccuracyConfig Default = new();

    /// <summary>vari: σ of the relative conductance variation, N(0, vari) per cell and per read (V2.0 redraws it for every read).</summary>
    public double Vari { get; init; }
    /// <summary>t: retention time (V2.0's unit-less argument); the drift factor is t^(v·sign).</summary>
    public double T { get; init; }
    /// <summary>v: drift coefficient.</summary>
    public double V { get; init; }
    /// <summary>detect: 1 drifts every cell toward the target level (deterministic), 0 in a random direction per read.</summary>
    public int Detect { get; init; } = 1;
    /// <summary>target: the fraction of the cell's level range the drift heads for (detect = 1).</summary>
    public double Target { get; init; } = 0.5;
    /// <summary>rate_stuck_0: fraction of cells stuck at Gmin (drawn once per chip instance).</summary>
    public double RateStuck0 { get; init; }
    /// <summary>rate_stuck_1: fraction of cells stuck at Gmax (drawn once per chip instance).</summary>
    public double RateStuck1 { get; init; }
    /// <summary>v2Quirks: true reproduces V2.0's mapping quirks (rows of a partial last subarray and kernel taps beyond 3x3 dropped).</summary>
    public bool V2Quirks { get; init; }

    /// <summary>Whether the retention drift changes any cell (t^(v·s) ≠ 1 for some s).</summary>
    public bool Drifts => V != 0 && T != 1;

    /// <summary>Whether instances of the chip differ (variation, random drift, stuck cells): then several are drawn.</summary>
    public bool IsStochastic => Vari > 0 || (Drifts && Detect == 0) || RateStuck0 > 0 || RateStuck1 > 0;
}
