using System.Collections.Concurrent;
using System.Diagnostics;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Tests.Store;

/// <summary>Other processes on the same store: a writer killed at random moments, and one whose appends a subscriber here sees.</summary>
public abstract partial class EventStoreAcceptanceTests
{
    private static string Helper => Path.Combine(AppContext.BaseDirectory, "NeuroSim.Replay.StoreKillHelper.dll");

    /// <summary>StoreKillHelper appending batches of <paramref name="batch"/> events to this store (until killed, or <paramref name="batches"/> of them).</summary>
    private Process StartWriterProcess(int batch, int payload, int? batches = null)
    {
        Assert.True(File.Exists(Helper), $"helper not built: {Helper}");
        string[] args = [Helper, Fixture.Address, $"{batch}", $"{payload}", .. batches is { } b ? new[] { $"{b}" } : []];
        return Process.Start(new ProcessStartInfo("dotnet", args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
    }

    [Fact, Trait("Category", "Processes")]
    public async Task When_a_writer_is_killed_at_random_moments_then_only_whole_batches_remain()
    {
        var random = new Random(7);
        const int batch = 6;
        for (var round = 0; round < 5; round++)
        {
            using var p = StartWriterProcess(batch, 20000);
            try
            {
                var started = await p.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Ct);
                if (started != "started") Assert.Fail($"helper said '{started}': {await p.StandardError.ReadToEndAsync(Ct)}");
                await Task.Delay(random.Next(20, 400), Ct);
            }
            finally
            {
                p.Kill(entireProcessTree: true);   // SIGKILL: no cleanup runs
            }
            await p.WaitForExitAsync(Ct);
            await AssertOnlyWholeBatches(batch);
        }
    }

    private async Task AssertOnlyWholeBatches(int batch)
    {
        await using var store = await OpenSecondHandle();
        var counts = new Dictionary<long, int>();
        long events = 0;
        var page = await store.ReadAllForwards(0, 500, cancellationToken: Ct);
        while (true)
        {
            foreach (var e in page.Events)
            {
                var n = BitConverter.ToInt64(e.Data.Span[..8]);
                var i = BitConverter.ToInt32(e.Data.Span.Slice(8, 4));
                Assert.Equal(counts.GetValueOrDefault(n), i);   // in order within the batch
                counts[n] = i + 1;
                events++;
            }
            if (page.IsEnd) break;
            page = await page.ReadNext(Ct);
        }
        Assert.True(events > 0);
        Assert.All(counts, kv => Assert.Equal(batch, kv.Value));
        foreach (var s in await store.ListStreams("kill-", Ct))
        {
            var last = await store.ReadStreamBackwards(s.StreamId, -1, 1, cancellationToken: Ct);
            Assert.Equal(s.LastRevision, last.Events[0].Revision);
            Assert.Equal(s.LastPosition, last.Events[0].Position);
        }
    }

    [Fact, Trait("Category", "Subscriptions")]
    public async Task When_another_process_appends_then_a_subscription_here_sees_it()
    {
        // A backend that notifies must deliver without polling: its subscriber polls once in ten minutes only.
        var poll = Fixture.NotifiesOtherProcesses ? TimeSpan.FromMinutes(10) : TimeSpan.FromMilliseconds(50);
        await using var subscriber = await Fixture.OpenHandle(poll);
        var received = new ConcurrentQueue<RecordedEvent>();
        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sub = subscriber.SubscribeToAll(null, (e, _) => { received.Enqueue(e); return Task.CompletedTask; },
            onCaughtUp: () => caughtUp.TrySetResult());
        await caughtUp.Task.WaitAsync(Patience, Ct);
        using (var p = StartWriterProcess(batch: 4, payload: 1000, batches: 3))
        {
            var errors = p.StandardError.ReadToEndAsync(Ct);
            await p.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
            Assert.True(p.ExitCode == 0, await errors);
        }
        await WaitUntil(() => received.Count == 12);
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(n => Enumerable.Range(0, 4).Select(i => DeterministicGuid.Create($"kill/{n}/{i}"))),
            received.Select(e => e.EventId));
    }

    [Fact, Trait("Category", "Subscriptions")]
    public async Task When_writers_race_then_a_reader_following_all_streams_misses_nothing()
    {
        var received = new ConcurrentQueue<RecordedEvent>();
        await using var sub = Store.SubscribeToAll(null, (e, _) => { received.Enqueue(e); return Task.CompletedTask; });
        var writers = new List<IEventStore>();
        for (var w = 0; w < 4; w++) writers.Add(await OpenSecondHandle());
        try
        {
            await Task.WhenAll(writers.Select((store, w) => Task.Run(async () =>
            {
                for (var i = 0; i < 25; i++)
                    await store.AppendToStream(new StreamId($"race-{w}"), ExpectedVersion.Any, Events($"w{w}/{i}", 2), Ct);
            }, Ct)));
        }
        finally
        {
            foreach (var w in writers) await w.DisposeAsync();
        }
        await WaitUntil(() => received.Count >= 200);
        var positions = received.Select(e => e.Position).ToList();
        Assert.Equal(200, positions.Count);
        Assert.Equal(positions.Order(), positions);   // in order, none twice
        Assert.Equal(await Store.ReadHeadPosition(Ct), positions[^1]);
    }
}
