using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Runs;

/// <summary>What <see cref="StoreCheck"/> found: counts, and each problem as one line (none: the store is sound).</summary>
public sealed record StoreCheckReport(long Events, long Streams, long PayloadBytes, long Tensors, IReadOnlyList<string> Problems)
{
    public bool IsSound => Problems.Count == 0;
}

/// <summary>
/// A whole-store check: the backend's own consistency check (SQLite: integrity_check), then every event read back,
/// parsed as its contract, and every stored tensor decoded (each carries a CRC-32 of its values).
/// </summary>
public static class StoreCheck
{
    /// <param name="maxProblems">Stop listing after this many problems (the check still counts everything it reads).</param>
    public static async Task<StoreCheckReport> Run(IReadOnlyEventStore store, IProgress<long>? progress = null, int maxProblems = 100,
        CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        void Add(string p) { if (problems.Count < maxProblems) problems.Add(p); }
        foreach (var p in await store.CheckStorage(cancellationToken).ConfigureAwait(false)) Add($"storage: {p}");

        long events = 0, bytes = 0, tensors = 0;
        var streams = new HashSet<string>();
        long from = 0;
        while (true)
        {
            ReadAllPage page;
            try
            {
                page = await store.ReadAllForwards(from, 256, null, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreDamagedException ex)
            {
                Add($"events from position {from} cannot be read: {ex.InnerException?.Message ?? ex.Message}");
                break;
            }
            foreach (var e in page.Events)
            {
                events++;
                bytes += e.Data.Length;
                streams.Add(e.StreamId.Value);
                if (e.Type.StartsWith('$')) continue;   // the store's own (tombstones)
                try
                {
                    switch (EventSerializer.Deserialize(e))
                    {
                        case null:
                            Add($"{e.StreamId}@{e.Revision} (position {e.Position}): unknown event type '{e.Type}' (written by a newer build?)");
                            break;
                        case LayerTraceRecorded t:
                            tensors += DecodeTensors(t, $"{e.StreamId}@{e.Revision}");
                            break;
                    }
                }
                catch (Exception ex) when (ex is EventFormatException or TraceFormatException or ArgumentException)
                {
                    Add($"{e.StreamId}@{e.Revision} (position {e.Position}, {e.Type}): {ex.Message}");
                }
            }
            progress?.Report(events);
            if (page.IsEnd) break;
            from = page.NextPosition;
        }
        return new StoreCheckReport(events, streams.Count, bytes, tensors, problems);
    }

    private static int DecodeTensors(LayerTraceRecorded t, string where)
    {
        TensorCodec.DecodeValues(t.Weights, $"{where} weights");
        TensorCodec.DecodeValues(t.WeightsBeforeUpdate, $"{where} weights before update", t.Weights);
        for (var i = 0; i < t.Inputs.Count; i++) TraceEncoder.DecodeBits(t.Inputs[i], $"{where} input {i}");
        return 2 + t.Inputs.Count;
    }
}
