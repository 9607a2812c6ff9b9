using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Traces;

namespace NeuroSim.Replay.Recorder.Training;

/// <summary>
/// One layer's trace as the training thread captures it (weights, weights before the last update, input bits of
/// the traced images, already copied out of the tensors); <see cref="Encode"/> compresses it into the event, which a
/// background writer does off the training thread.
/// </summary>
public sealed record CapturedTrace(int Epoch, int LayerIndex, string LayerName, DecimalMatrix Weights, DecimalMatrix WeightsBeforeUpdate,
    IReadOnlyList<BitMatrix> Inputs, double Activity)
{
    public LayerTraceRecorded Encode()
    {
        var (w, old) = TraceEncoder.EncodeWithResidual(Weights, WeightsBeforeUpdate, "weights");
        var t = new LayerTraceRecorded { Epoch = Epoch, LayerIndex = LayerIndex, LayerName = LayerName, Weights = w, WeightsBeforeUpdate = old, Activity = Activity };
        foreach (var bits in Inputs) t.Inputs.Add(TraceEncoder.EncodeBits(bits));
        return t;
    }
}
