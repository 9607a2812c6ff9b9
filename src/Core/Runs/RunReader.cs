using System.Collections.Immutable;
using NeuroSim.Replay.ChipModel.Network;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Runs;

/// <summary>Reads runs from the store: summaries (no tensors) and one epoch's traces.</summary>
public static class RunReader
{
    private static readonly string[] SummaryTypes =
    [
        EventTypeNames.RunStarted, EventTypeNames.EpochTraced, EventTypeNames.EpochEvaluated,
        EventTypeNames.RunCompleted, EventTypeNames.RunAborted, EventTypeNames.RunResumed,
    ];

    /// <param name="liveness">How runs in status "recording" are checked for a live recorder (default: this machine's processes, <see cref="RunLiveness.DefaultStaleAfter"/>).</param>
    public static async Task<IReadOnlyList<RunSummary>> ListRuns(IReadOnlyEventStore store, CancellationToken cancellationToken = default, RunLiveness? liveness = null)
    {
        var streams = await store.ListStreams(StreamIds.RunPrefix, cancellationToken).ConfigureAwait(false);
        var list = new List<RunSummary>();
        foreach (var s in streams)
        {
            var summary = await ReadSummary(store, StreamIds.RunNameOf(s.StreamId), cancellationToken, liveness).ConfigureAwait(false);
            if (summary is not null) list.Add(summary);
        }
        return list;
    }

    /// <summary>
    /// The run's BatchUpdateApplied events, one per (epoch, batch): where a resumed run recorded a batch again, the later
    /// recording wins (RunResumed supersedes the unfinished epoch's earlier batches).
    /// </summary>
    public static async Task<IReadOnlyList<BatchUpdateApplied>> ReadBatchUpdates(IReadOnlyEventStore store, string runName, CancellationToken cancellationToken = default)
    {
        var byBatch = new Dictionary<(int Epoch, int Batch), BatchUpdateApplied>();
        await foreach (var e in ReadAll(store, StreamIds.Run(runName), [EventTypeNames.BatchUpdateApplied], cancellationToken).ConfigureAwait(false))
            if (EventSerializer.Deserialize(e) is BatchUpdateApplied b) byBatch[(b.Epoch, b.Batch)] = b;
        return [.. byBatch.Values.OrderBy(b => b.Epoch).ThenBy(b => b.Batch)];
    }

    /// <summary>
    /// The run's summary, or null when there is no such run. A run whose stream says "recording" is checked for a live
    /// recorder (<paramref name="liveness"/>, default <see cref="RunLiveness.System"/>): abandoned or stale when none.
    /// </summary>
    public static async Task<RunSummary?> ReadSummary(IReadOnlyEventStore store, string runName, CancellationToken cancellationToken = default, RunLiveness? liveness = null)
    {
        var stream = StreamIds.Run(runName);
        RunStarted? started = null;
        DateTimeOffset created = default;
        var epochs = new SortedSet<int>();
        var evaluations = new List<EpochEvaluated>();
        var status = RunStatus.Recording;
        string? abort = null;
        RecordingOwner? owner = null;
        long last = -1;
        var lastAt = default(DateTimeOffset);
        await foreach (var e in ReadAll(store, stream, SummaryTypes, cancellationToken).ConfigureAwait(false))
        {
            (last, lastAt) = (e.Revision, e.Timestamp);
            switch (EventSerializer.Deserialize(e))
            {
                case RunStarted rs: started = rs; created = e.Timestamp; owner = rs.Owner; break;
                case EpochTraced et: epochs.Add(et.Epoch); break;
                case EpochEvaluated ev: evaluations.Add(ev); break;
                case RunCompleted: status = RunStatus.Completed; break;
                case RunAborted ra: status = RunStatus.Aborted; abort = ra.Reason; break;
                case RunResumed rr: status = RunStatus.Recording; abort = null; owner = rr.Owner; break;
            }
        }
        if (started is null) return null;
        if (started.Origin is RunOrigin.ImportedV2 or RunOrigin.V2Wrapper) status = RunStatus.Imported;
        var info = await store.GetStreamInfo(stream, cancellationToken).ConfigureAwait(false);
        if (status == RunStatus.Recording)
        {
            if (info is not null && info.LastRevision > last)
            {
                // The last event is one the summary skips (a batch): its time tells how recently the recorder wrote.
                var tail = await store.ReadStreamBackwards(stream, -1, 1, null, cancellationToken).ConfigureAwait(false);
                if (tail.Events.Count > 0) lastAt = tail.Events[0].Timestamp;
            }
            status = (liveness ?? RunLiveness.System).Judge(owner, lastAt);
        }
        var network = new NetworkSpec([.. started.Network.Select(LayerSpec.FromContract)]);
        return new RunSummary(runName, started, network, created, [.. epochs], [.. evaluations], status, abort, info?.LastRevision ?? last)
        {
            Owner = owner,
            LastEventAt = lastAt,
        };
    }

    /// <summary>The raw trace events of one epoch (tensors still encoded), in layer order.</summary>
    public static async Task<(RunSummary Run, ImmutableArray<LayerTraceRecorded> Layers)> ReadEpochEvents(IReadOnlyEventStore store,
        string runName, int epoch, CancellationToken cancellationToken = default)
    {
        var run = await ReadSummary(store, runName, cancellationToken).ConfigureAwait(false)
            ?? throw new RunNotFoundException($"Run '{runName}' not found in the store.");
        var stream = StreamIds.Run(runName);
        EpochTraced? traced = null;
        long tracedAt = -1;
        await foreach (var e in ReadAll(store, stream, [EventTypeNames.EpochTraced], cancellationToken).ConfigureAwait(false))
            if (EventSerializer.Deserialize<EpochTraced>(e) is { } et && et.Epoch == epoch) (traced, tracedAt) = (et, e.Revision);
        if (traced is null)
            throw new RunNotFoundException($"Run '{runName}' has no traces for epoch {epoch} (traced epochs: {(run.TracedEpochs.IsEmpty ? "none" : string.Join(", ", run.TracedEpochs))}).");
        // The layer traces are the events just before their EpochTraced (one append, both writers): found from where the
        // marker is in this store, not from first_trace_revision, which a copy to another store or a run name recorded
        // again after delete-run (revisions continue after the tombstone) would shift.
        var page = await store.ReadStreamForwards(stream, tracedAt - traced.Layers, traced.Layers, [EventTypeNames.LayerTraceRecorded], cancellationToken).ConfigureAwait(false);
        var layers = page.Events.Select(EventSerializer.Deserialize<LayerTraceRecorded>).Where(l => l.Epoch == epoch).OrderBy(l => l.LayerIndex).ToImmutableArray();
        if (layers.Length != traced.Layers)
            throw new RunNotFoundException($"Run '{runName}' epoch {epoch}: {layers.Length} layer traces found where {traced.Layers} were recorded.");
        return (run, layers);
    }

    /// <summary>
    /// Decodes one epoch's traces for the chip model (layers decoded in parallel); with <paramref name="recycler"/>, the
    /// weights are in its arrays (whoever owns the epoch returns them when done).
    /// </summary>
    public static async Task<EpochTrace> ReadEpochTrace(IReadOnlyEventStore store, string runName, int epoch, CancellationToken cancellationToken = default,
        ArrayRecycler? recycler = null)
    {
        var (run, events) = await ReadEpochEvents(store, runName, epoch, cancellationToken).ConfigureAwait(false);
        try
        {
            return Decode(run, epoch, events, recycler);
        }
        catch (AggregateException ex) when (ex.InnerExceptions[0] is TraceFormatException t)
        {
            // Traces were checked when they were stored: a payload that fails its checksum now was damaged in the store.
            throw new StoreDamagedException(StreamIds.Run(runName), t.Message, t);
        }
    }

    public static EpochTrace Decode(RunSummary run, int epoch, ImmutableArray<LayerTraceRecorded> events, ArrayRecycler? recycler = null)
    {
        var layers = new LayerTrace[events.Length];
        Parallel.For(0, events.Length, i =>
        {
            var e = events[i];
            var where = $"run {run.Name} epoch {epoch} layer {e.LayerIndex}";
            var (weights, old) = TensorCodec.DecodeValuesWithResidual(e.Weights, $"{where} weights", e.WeightsBeforeUpdate, $"{where} weights before update", recycler);
            if (e.Inputs.Count == 0) throw new TraceFormatException(where, "has no input trace");
            var input = TraceEncoder.DecodeBits(e.Inputs[0], $"{where} input");
            layers[i] = new LayerTrace(e.LayerIndex, run.Network.Layers[e.LayerIndex], weights, old, input, e.Activity);
        });
        return new EpochTrace(run.Name, epoch, run.Network, run.WeightBits, run.ActivationBits, [.. layers]);
    }

    /// <summary>All events of a stream (optionally of some types), page by page.</summary>
    public static async IAsyncEnumerable<RecordedEvent> ReadAll(IReadOnlyEventStore store, StreamId stream, IReadOnlyCollection<string>? types,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = await store.ReadStreamForwards(stream, 0, 512, types, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            foreach (var e in page.Events) yield return e;
            if (page.IsEnd || page.Status == ReadStatus.StreamNotFound) yield break;
            page = await page.ReadNext(cancellationToken).ConfigureAwait(false);
        }
    }
}
