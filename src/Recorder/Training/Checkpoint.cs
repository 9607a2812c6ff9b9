namespace NeuroSim.Replay.Recorder.Training;

/// <summary>
/// Everything a run needs to continue after epoch <see cref="Epoch"/> exactly as if it had never stopped: the weights
/// (float32, bit-exact), the random generator's state, the current grad_scale and the realized device-to-device offsets.
/// Velocity needs no saving: V2.0 resets it at every epoch (RD-81).
/// </summary>
public sealed record Checkpoint(int Epoch, double GradScale, byte[] GeneratorState, IReadOnlyList<float[]> Weights, IReadOnlyList<float[]?> D2DOffsets);
