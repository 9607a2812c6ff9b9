using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Recorder.Training;

/// <summary>The outcome of a run: accuracy per evaluated epoch and where it ended.</summary>
/// <param name="CaptureSeconds">
/// Time the training thread spent capturing what is recorded (update statistics, traces, device states, checkpoint
/// copies): recording's cost on the training thread, measured directly.
/// </param>
public sealed record TrainingResult(IReadOnlyList<EpochEvaluated> Evaluations, int EpochsCompleted, double CaptureSeconds = 0)
{
    public double BestAccuracy => Evaluations.Count == 0 ? 0 : Evaluations.Max(e => e.TestAccuracy);
}
