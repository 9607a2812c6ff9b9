using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Core.Studies;

/// <summary>What a study stream says: its plan and, per run, whether it was recorded and replayed, or failed last time.</summary>
public sealed record StudyState(StudyPlanned Plan, IReadOnlySet<string> Recorded, IReadOnlySet<string> Replayed, IReadOnlyDictionary<string, StudyRunFailed> Failed,
    bool Completed, long LastRevision)
{
    /// <summary>A run's work is done: recorded, and replayed when the study replays.</summary>
    public bool IsDone(string run) => Recorded.Contains(run) && (!Plan.Replay || Replayed.Contains(run));

    public int DoneCount => Plan.Runs.Count(r => IsDone(r.Run));
}
