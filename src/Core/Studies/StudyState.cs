using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Core.Studies;

/// <summary>
/// What a study stream says: its plan and, per run, whether it was recorded, replayed (on which chip: run → configuration id), or
/// failed last time.
/// </summary>
public sealed record StudyState(StudyPlanned Plan, IReadOnlySet<string> Recorded, IReadOnlyDictionary<string, string> Replayed, IReadOnlyDictionary<string, StudyRunFailed> Failed,
    bool Completed, long LastRevision)
{
    /// <summary>A run's work is done: recorded, and replayed when the study replays.</summary>
    public bool IsDone(string run) => Recorded.Contains(run) && (!Plan.Replay || Replayed.ContainsKey(run));

    public int DoneCount => Plan.Runs.Count(r => IsDone(r.Run));
}
