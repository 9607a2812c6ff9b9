using NeuroSim.Replay.ChipModel.Network;

namespace NeuroSim.Replay.ChipModel.Traces;

/// <summary>
/// One layer's decoded trace, what the chip model reads: weights [rows = Cin·kh·kw, cols = Cout] row-major,
/// the weights before the last update (same shape), the input bits of the traced image
/// [rows, positions · activation bits], and the input activity.
/// </summary>
public sealed record LayerTrace(
    int LayerIndex,
    LayerSpec Layer,
    double[] Weights,
    double[] WeightsBeforeUpdate,
    BitMatrix Input,
    double Activity);
