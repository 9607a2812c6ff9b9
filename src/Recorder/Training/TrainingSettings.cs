namespace NeuroSim.Replay.Recorder.Training;

/// <summary>
/// Training settings with V2.0's names (train.py): precisions, batch size, epochs, grad_scale (the learning rate of
/// the WAGE update, divided by 8 at each decreasing_lr epoch), momentum γ/α, seed; plus what a quick run needs.
/// </summary>
public sealed record TrainingSettings
{
    public int WlWeight { get; init; } = 5;
    public int WlGrad { get; init; } = 5;
    public int WlActivate { get; init; } = 8;
    public int WlError { get; init; } = 8;
    public int CellBit { get; init; } = 5;
    public int BatchSize { get; init; } = 200;
    public int Epochs { get; init; } = 3;
    public double GradScale { get; init; } = 1;
    public IReadOnlyList<int> DecreasingLr { get; init; } = [200, 250];
    public int TestInterval { get; init; } = 1;
    public long Seed { get; init; } = 117;
    public double MomentumGamma { get; init; } = 0.9;
    public double MomentumAlpha { get; init; } = 0.1;
    /// <summary>Batches per epoch (0: all).</summary>
    public int MaxBatches { get; init; }
    /// <summary>Test images whose layer inputs are traced per epoch (V2.0 traces the first one).</summary>
    public int TraceImages { get; init; } = 1;

    /// <summary>Every problem, each naming the setting (RD-84: cellBit must equal wl_weight; V2.0's train.py only warns).</summary>
    public IReadOnlyList<string> Validate()
    {
        var e = new List<string>();
        void Range(string name, int v, int lo, int hi)
        {
            if (v < lo || v > hi) e.Add($"{name}: {v} is outside {lo}..{hi}");
        }
        Range("wl_weight", WlWeight, 2, 15);
        Range("wl_grad", WlGrad, 2, 15);
        Range("wl_activate", WlActivate, 2, 15);
        Range("wl_error", WlError, 2, 15);
        Range("cellBit", CellBit, 1, 15);
        if (CellBit != WlWeight) e.Add($"cellBit: {CellBit} differs from wl_weight {WlWeight}; the recorder trains one cell per synapse (cellBit = wl_weight; V2.0 only warns, RD-84)");
        Range("batch_size", BatchSize, 1, 1_000_000);
        Range("epochs", Epochs, 1, 100_000);
        Range("test_interval", TestInterval, 1, 100_000);
        Range("max-batches", MaxBatches, 0, int.MaxValue);
        Range("trace-images", TraceImages, 1, 1000);
        if (!(GradScale > 0) || double.IsInfinity(GradScale)) e.Add($"grad_scale: {GradScale} must be a positive number");
        if (DecreasingLr.Any(x => x < 0)) e.Add("decreasing_lr: epochs must be ≥ 0");
        if (MomentumGamma is < 0 or > 1) e.Add($"momentum gamma: {MomentumGamma} is outside 0..1");
        return e;
    }
}
