using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.IO;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Runs;

/// <summary>
/// A run whose stream says "recording" is checked for a live recorder: the owner of its latest attempt on this host
/// must still run (same pid, same start time); elsewhere, or in runs recorded before owners were, the last event's age decides.
/// </summary>
public sealed class RunLivenessTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The real processes of this machine, at a clock <paramref name="later"/> from now.</summary>
    private static RunLiveness At(TimeSpan later) => RunLiveness.System with { Clock = new FixedClock(DateTimeOffset.UtcNow + later) };

    private async Task<IEventStore> Store() => await StoreAddress.Parse("file:" + _tmp.Combine("live.db")).OpenOrCreateForWriting(Ct);

    private static readonly BatchUpdateApplied Batch = new() { Epoch = 0, Batch = 0, Loss = 1 };

    private static async Task<RunStatus> StatusOf(IEventStore store, string run, RunLiveness? liveness = null) =>
        (await RunReader.ReadSummary(store, run, Ct, liveness))!.Status;

    [Fact]
    public async Task A_run_whose_recorder_still_runs_is_recording()
    {
        await using var store = await Store();
        await RecordedRuns.Append(store, "live", Ct, RecordedRuns.Started("live", RunLiveness.CurrentOwner()), Batch);
        Assert.Equal(RunStatus.Recording, await StatusOf(store, "live"));
        Assert.Equal(RunStatus.Recording, await StatusOf(store, "live", At(TimeSpan.FromDays(2))));   // quiet for long, but its process runs
        var summary = await RunReader.ReadSummary(store, "live", Ct);
        Assert.Equal(Environment.ProcessId, summary!.Owner!.Pid);
    }

    [Fact]
    public async Task A_run_whose_recorder_is_gone_is_abandoned()
    {
        await using var store = await Store();
        var dead = RecordedRuns.DeadOwner();
        await RecordedRuns.Append(store, "dead", Ct, RecordedRuns.Started("dead", dead), Batch);
        Assert.Equal(RunStatus.Abandoned, await StatusOf(store, "dead"));

        // Our pid, but another process's start time: the pid was reused.
        var reused = RunLiveness.CurrentOwner();
        reused.ProcessStartUnixMs -= (long)TimeSpan.FromHours(1).TotalMilliseconds;
        await RecordedRuns.Append(store, "reused", Ct, RecordedRuns.Started("reused", reused));
        Assert.Equal(RunStatus.Abandoned, await StatusOf(store, "reused"));

        // The latest attempt's owner counts: a resume by a live process makes it recording again; an end is an end.
        await RecordedRuns.Append(store, "dead", Ct, new RunResumed { FromEpoch = -1, Attempt = 1, Owner = RunLiveness.CurrentOwner() });
        Assert.Equal(RunStatus.Recording, await StatusOf(store, "dead"));
        await RecordedRuns.Append(store, "dead", Ct, new RunResumed { FromEpoch = -1, Attempt = 2, Owner = dead });
        Assert.Equal(RunStatus.Abandoned, await StatusOf(store, "dead"));
        await RecordedRuns.Append(store, "dead", Ct, new RunCompleted { EpochsCompleted = 2 });
        Assert.Equal(RunStatus.Completed, await StatusOf(store, "dead"));
    }

    [Fact]
    public async Task Runs_without_an_owner_or_from_another_host_are_stale_once_quiet_for_long()
    {
        await using var store = await Store();
        await RecordedRuns.Append(store, "old", Ct, RecordedRuns.Started("old", null), Batch);   // recorded before owners were
        var elsewhere = RunLiveness.CurrentOwner();
        elsewhere.Host = "another-host-" + Guid.NewGuid().ToString("N");
        await RecordedRuns.Append(store, "remote", Ct, RecordedRuns.Started("remote", elsewhere), Batch);
        foreach (var run in new[] { "old", "remote" })
        {
            Assert.Equal(RunStatus.Recording, await StatusOf(store, run));
            Assert.Equal(RunStatus.Recording, await StatusOf(store, run, At(RunLiveness.DefaultStaleAfter - TimeSpan.FromMinutes(1))));
            Assert.Equal(RunStatus.Stale, await StatusOf(store, run, At(RunLiveness.DefaultStaleAfter + TimeSpan.FromMinutes(1))));
        }
        // The last event counts, batches included.
        var summary = await RunReader.ReadSummary(store, "old", Ct);
        Assert.Equal(1, summary!.LastRevision);
        Assert.True(summary.LastEventAt >= summary.Created);
        Assert.True(DateTimeOffset.UtcNow - summary.LastEventAt < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void The_system_probe_knows_running_and_exited_processes()
    {
        var probe = new SystemProcessProbe();
        var self = RunLiveness.CurrentOwner();
        Assert.Equal(probe.HostName, self.Host);
        var started = probe.StartTime(Environment.ProcessId);
        Assert.NotNull(started);
        Assert.True((started.Value - DateTimeOffset.FromUnixTimeMilliseconds(self.ProcessStartUnixMs)).Duration() <= RunLiveness.StartTimeTolerance);
        Assert.Null(probe.StartTime(ExitedProcess.Id()));
        Assert.Null(probe.StartTime(0));
    }
}
