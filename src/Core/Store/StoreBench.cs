using System.Diagnostics;

namespace NeuroSim.Replay.Core.Store;

/// <summary>What <see cref="StoreBench"/> measured for one store and event size.</summary>
/// <param name="Store">The store's address.</param>
/// <param name="EventBytes">Payload bytes per event.</param>
/// <param name="Events">Events appended and read back.</param>
/// <param name="AppendSeconds">Wall time of the appends (each of <see cref="StoreBench.EventsPerAppend"/> events, one transaction).</param>
/// <param name="ReadSeconds">Wall time of reading them all back through a new handle, page by page.</param>
public sealed record StoreBenchResult(string Store, int EventBytes, int Events, double AppendSeconds, double ReadSeconds)
{
    public double Megabytes => (double)EventBytes * Events / 1e6;
    public double AppendMBPerSecond => Megabytes / AppendSeconds;
    public double ReadMBPerSecond => Megabytes / ReadSeconds;
}

/// <summary>
/// Append and read throughput of a store for trace-sized events (an epoch's traces go in as one append of several
/// events; payloads are random, as incompressible as the zstd-compressed tensors). Runs on a store of its own that it
/// makes and removes.
/// </summary>
public static class StoreBench
{
    /// <summary>Events per append, as an epoch appends its layers' traces together.</summary>
    public const int EventsPerAppend = 8;

    /// <summary>Appends about <paramref name="totalBytes"/> of <paramref name="eventBytes"/>-byte events to a new stream, then reads them back.</summary>
    public static async Task<StoreBenchResult> Measure(StoreAddress address, int eventBytes, long totalBytes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eventBytes, 16);
        var events = (int)Math.Max(EventsPerAppend, totalBytes / eventBytes / EventsPerAppend * EventsPerAppend);
        var pool = new byte[Math.Max(eventBytes * 2, 8 << 20)];
        new Random(eventBytes).NextBytes(pool);
        var stream = new EventStore.StreamId($"bench-{eventBytes}");
        var random = new Random(1);

        var clock = Stopwatch.StartNew();
        await using (var store = await address.OpenOrCreateForWriting(cancellationToken).ConfigureAwait(false))
        {
            var revision = EventStore.ExpectedVersion.NoStream;
            for (var n = 0; n < events; n += EventsPerAppend)
            {
                var batch = Enumerable.Range(n, EventsPerAppend).Select(i => new EventStore.NewEvent(
                    EventStore.DeterministicGuid.Create($"{stream}/{i}"), "bench_payload", 1,
                    pool.AsMemory(random.Next(pool.Length - eventBytes), eventBytes))).ToList();
                var result = await store.AppendToStream(stream, revision, batch, cancellationToken).ConfigureAwait(false);
                revision = EventStore.ExpectedVersion.Exact(result.CurrentRevision);
            }
        }
        var append = clock.Elapsed.TotalSeconds;

        clock.Restart();
        long read = 0;
        await using (var reader = await address.OpenForReading(cancellationToken).ConfigureAwait(false))
        {
            var page = await reader.ReadStreamForwards(stream, 0, Math.Max(1, (32 << 20) / eventBytes), cancellationToken: cancellationToken).ConfigureAwait(false);
            while (true)
            {
                foreach (var e in page.Events) read += e.Data.Length;
                if (page.IsEnd) break;
                page = await page.ReadNext(cancellationToken).ConfigureAwait(false);
            }
        }
        var readSeconds = clock.Elapsed.TotalSeconds;
        if (read != (long)events * eventBytes) throw new InvalidOperationException($"bench: read {read} bytes back, appended {(long)events * eventBytes}.");
        return new StoreBenchResult(address.ToString(), eventBytes, events, append, readSeconds);
    }
}
