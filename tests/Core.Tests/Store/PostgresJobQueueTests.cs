using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Jobs;
using NeuroSim.Replay.EventStore.Postgres;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Store;

/// <summary>
/// The server store's work queue (skipped, with the reason, without NEUROSIM_TEST_PG): keys queued once, claims never
/// shared under concurrency, leases that expire and pass to another worker, and a lost lease that cannot finish a job.
/// </summary>
public sealed class PostgresJobQueueTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<PostgresEventStore> NewQueue() => await PostgresEventStore.Open(server.NewStore(), StoreAccess.WriteOrCreate, cancellationToken: Ct);

    private static JobSpec Job(int i, string group = "r") => new($"{group}/job-{i:D4}", group, new byte[] { (byte)i, (byte)(i >> 8) });

    [Fact]
    public async Task Keys_are_queued_once_and_jobs_come_out_oldest_first_with_their_payload()
    {
        await using var queue = await NewQueue();
        Assert.Equal(3, await queue.Enqueue("q", [Job(1), Job(2), Job(3)], Ct));
        Assert.Equal(1, await queue.Enqueue("q", [Job(2), Job(3), Job(4)], Ct));
        Assert.Equal(1, await queue.Enqueue("other", [Job(1)], Ct));
        Assert.Equal(2, await queue.Enqueue("q", [Job(1, "s"), Job(2, "s")], Ct));
        var first = await queue.Claim("q", "w", TimeSpan.FromMinutes(1), Ct);
        Assert.Equal(("r/job-0001", "r", 1), (first!.Key, first.Group, first.Attempt));
        Assert.Equal(new byte[] { 1, 0 }, first.Payload.ToArray());
        var listed = await queue.List("q", cancellationToken: Ct);
        Assert.Equal(6, listed.Count);
        Assert.Equal(JobState.Running, listed[0].State);
        Assert.Equal("w", listed[0].Worker);
        Assert.Equal(4, (await queue.List("q", "r", Ct)).Count);
        Assert.Single(await queue.List("other", cancellationToken: Ct));
    }

    [Fact]
    public async Task Concurrent_claims_never_return_the_same_job()
    {
        await using var queue = await NewQueue();
        await queue.Enqueue("q", [.. Enumerable.Range(0, 300).Select(i => Job(i))], Ct);
        var claimed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForAsync(0, 8, Ct, async (w, ct) =>
        {
            await using var mine = await PostgresEventStore.Open(queue.Address, StoreAccess.Write, cancellationToken: ct);
            while (await mine.Claim("q", $"w{w}", TimeSpan.FromMinutes(1), ct) is { } job)
            {
                claimed.Add(job.Key);
                await mine.Complete(job, ct);
            }
        });
        Assert.Equal(300, claimed.Count);
        Assert.Equal(300, claimed.Distinct().Count());
        Assert.All(await queue.List("q", cancellationToken: Ct), j => Assert.Equal(JobState.Done, j.State));
    }

    [Fact]
    public async Task An_expired_lease_passes_the_job_on_and_the_old_holder_can_no_longer_touch_it()
    {
        await using var queue = await NewQueue();
        await queue.Enqueue("q", [Job(1)], Ct);
        var dead = await queue.Claim("q", "dead", TimeSpan.FromSeconds(3), Ct);
        Assert.Null(await queue.Claim("q", "other", TimeSpan.FromMinutes(1), Ct));   // held
        // Expired (after 3 s, however loaded the machine): claimable again.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await queue.List("q", cancellationToken: Ct)).Single().State != JobState.Queued && clock.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(100, Ct);
        Assert.Equal(JobState.Queued, (await queue.List("q", cancellationToken: Ct)).Single().State);
        var next = await queue.Claim("q", "next", TimeSpan.FromMinutes(1), Ct);
        Assert.Equal((dead!.Key, 2), (next!.Key, next.Attempt));
        await Assert.ThrowsAsync<LeaseLostException>(() => queue.Heartbeat(dead, TimeSpan.FromMinutes(1), Ct));
        await Assert.ThrowsAsync<LeaseLostException>(() => queue.Complete(dead, Ct));
        await Assert.ThrowsAsync<LeaseLostException>(() => queue.Fail(dead, "x", Ct));
        await queue.Release(dead, Ct);   // ignored
        Assert.Equal("next", (await queue.List("q", cancellationToken: Ct)).Single().Worker);
        await queue.Heartbeat(next, TimeSpan.FromMinutes(1), Ct);
        await queue.Complete(next, Ct);
        var done = (await queue.List("q", cancellationToken: Ct)).Single();
        Assert.Equal((JobState.Done, 2), (done.State, done.Attempts));
        Assert.NotNull(done.Finished);
    }

    [Fact]
    public async Task Failed_jobs_keep_their_message_and_released_ones_are_claimed_again()
    {
        await using var queue = await NewQueue();
        await queue.Enqueue("q", [Job(1), Job(2)], Ct);
        var bad = await queue.Claim("q", "w", TimeSpan.FromMinutes(1), Ct);
        await queue.Fail(bad!, "numRowSubArray: too large", Ct);
        var stopping = await queue.Claim("q", "w", TimeSpan.FromMinutes(1), Ct);
        await queue.Release(stopping!, Ct);
        var again = await queue.Claim("q", "w2", TimeSpan.FromMinutes(1), Ct);
        Assert.Equal(stopping!.Key, again!.Key);
        Assert.Null(await queue.Claim("q", "w3", TimeSpan.FromMinutes(1), Ct));   // the failed one is not retried
        var failed = (await queue.List("q", cancellationToken: Ct)).Single(j => j.Key == bad!.Key);
        Assert.Equal((JobState.Failed, "numRowSubArray: too large"), (failed.State, failed.Error));
    }
}
