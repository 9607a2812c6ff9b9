using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Recorder.Training;

/// <summary>Progress of a run, for the progress bar.</summary>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, double Accuracy, TimeSpan Elapsed, TimeSpan Remaining);
