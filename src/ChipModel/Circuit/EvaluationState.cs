namespace NeuroSim.Replay.ChipModel.Circuit;

/// <summary>
/// RD-60: what the reference carries from one layer to the next in its long-lived objects, made explicit: the
/// leakage its adder trees computed last (a PE or tile that skips its tree reports the previous one).
/// Owned by one estimate; layers are evaluated in order.
/// </summary>
public sealed class EvaluationState
{
    public double PeTreeLeakageNM { get; set; }
    public double PeTreeLeakageCM { get; set; }
    public double TileAccumulationLeakageNM { get; set; }
    public double TileAccumulationLeakageCM { get; set; }
}
