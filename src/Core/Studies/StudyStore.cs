using Google.Protobuf;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Studies;

/// <summary>Reads and appends a study's events (<c>study-NAME</c>): the plan first, then progress, each append after what the stream holds.</summary>
public static class StudyStore
{
    public static async Task<StudyState?> Read(IReadOnlyEventStore store, string study, CancellationToken ct)
    {
        var stream = StreamIds.Study(study);
        StudyPlanned? plan = null;
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        var replayed = new Dictionary<string, string>(StringComparer.Ordinal);
        var failed = new Dictionary<string, StudyRunFailed>(StringComparer.Ordinal);
        var completed = false;
        long last = -1;
        await foreach (var e in RunReader.ReadAll(store, stream, null, ct).ConfigureAwait(false))
        {
            last = e.Revision;
            switch (EventSerializer.Deserialize(e))
            {
                case StudyPlanned p: plan ??= p; break;
                case StudyRunRecorded r: recorded.Add(r.Run); failed.Remove(r.Run); break;
                case StudyRunReplayed r: replayed[r.Run] = r.ConfigId; failed.Remove(r.Run); break;
                case StudyRunFailed f: failed[f.Run] = f; break;
                case StudyCompleted: completed = true; break;
            }
        }
        return plan is null ? null : new StudyState(plan, recorded, replayed, failed, completed, last);
    }

    /// <summary>The studies in the store, by name.</summary>
    public static async Task<IReadOnlyList<string>> List(IReadOnlyEventStore store, CancellationToken ct) =>
        [.. (await store.ListStreams(StreamIds.StudyPrefix, ct).ConfigureAwait(false)).Select(s => s.StreamId.Value[StreamIds.StudyPrefix.Length..]).Order(StringComparer.Ordinal)];

    /// <summary>Appends <paramref name="e"/> after the stream's last event (a new stream for the plan); ids follow the revision, so a retry is idempotent.</summary>
    public static async Task Append(IEventStore store, string study, IMessage e, CancellationToken ct)
    {
        var stream = StreamIds.Study(study);
        var revision = (await store.GetStreamInfo(stream, ct).ConfigureAwait(false))?.LastRevision ?? -1;
        await store.AppendToStream(stream, revision < 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exact(revision),
            [EventSerializer.ToNewEvent(e, $"{stream}/{revision + 1}")], ct).ConfigureAwait(false);
    }
}
