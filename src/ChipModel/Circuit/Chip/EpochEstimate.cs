using System.Collections.Immutable;

namespace NeuroSim.Replay.ChipModel.Circuit.Chip;

/// <summary>
/// The numbers of an epoch estimate that V2.0's result files hold: areas, per-layer rows, totals, leakage and the
/// operation count behind TOPS/W, TOPS and FPS. What a replay stores and reads back (bit-exact).
/// </summary>
public sealed record EpochFigures(ChipArea Area, ImmutableArray<LayerResult> Layers, LayerResult Total, double LeakagePower, double LeakageEnergy, double NumComputation)
{
    public double TopsPerW => NumComputation / ((Total.EnergyFW + LeakageEnergy + Total.EnergyAG + Total.EnergyWG + Total.EnergyWU) * 1e12);
    public double Fps => 1 / (Total.LatencyFW + Total.LatencyAG + Total.LatencyWG + Total.LatencyWU);
    public double Tops => NumComputation / (Total.LatencyFW + Total.LatencyAG + Total.LatencyWG + Total.LatencyWU) * 1e-12;
    public double PeakTopsPerW => NumComputation / ((Total.PeakEnergyFW + Total.PeakEnergyAG + Total.PeakEnergyWG + Total.PeakEnergyWU) * 1e12);
    public double PeakFps => 1 / (Total.PeakLatencyFW + Total.PeakLatencyAG + Total.PeakLatencyWG + Total.PeakLatencyWU);
    public double PeakTops => NumComputation / (Total.PeakLatencyFW + Total.PeakLatencyAG + Total.PeakLatencyWG + Total.PeakLatencyWU) * 1e-12;
}

/// <summary>
/// A chip estimate of one epoch: areas, floorplan, per-layer results and the totals and throughput figures
/// of V2.0's NeuroSim_Output.csv and breakdown file.
/// </summary>
public sealed record EpochEstimate
{
    public required ChipArea Area { get; init; }
    public required Floorplan Floorplan { get; init; }
    public required ImmutableArray<LayerResult> Layers { get; init; }
    /// <summary>The Total row (sums, or the pipeline's maxima where the reference takes them; RD-71, RD-72).</summary>
    public required LayerResult Total { get; init; }
    public required double LeakagePower { get; init; }
    public required double LeakageEnergy { get; init; }
    public required double NumComputation { get; init; }
    /// <summary>True when the layers run as a pipeline (pipeline=true), false layer by layer.</summary>
    public bool Pipelined { get; init; }
    public EpochFigures Figures => new(Area, Layers, Total, LeakagePower, LeakageEnergy, NumComputation);
    public double TopsPerW => Figures.TopsPerW;
    public double Fps => Figures.Fps;
    public double Tops => Figures.Tops;
    public double PeakTopsPerW => Figures.PeakTopsPerW;
    public double PeakFps => Figures.PeakFps;
    public double PeakTops => Figures.PeakTops;
}
