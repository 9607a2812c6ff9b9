using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Analyzer.Screens;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Analyzer.Tests;

/// <summary>The runs screen's status column tells a run whose recorder is gone from one being recorded.</summary>
public sealed class RunStatusTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    [Fact]
    public async Task The_runs_screen_shows_abandoned_runs()
    {
        await using var store = await StoreAddress.Parse("file:" + _tmp.Combine("status.db")).OpenForWriting(Ct);
        var dead = RunLiveness.CurrentOwner();
        dead.Pid = ExitedProcess.Id();
        foreach (var (run, owner) in new[] { ("live", RunLiveness.CurrentOwner()), ("gone", dead) })
        {
            var started = new RunStarted { RunId = run, Name = run, Origin = RunOrigin.Recorded, Model = "mnist-mlp", PlannedEpochs = 2, Owner = owner };
            started.Network.Add(new NetworkLayer { Name = "FC0_", IfmHeight = 1, IfmWidth = 1, IfmChannels = 4, KernelHeight = 1, KernelWidth = 1, OfmChannels = 2, Stride = 1 });
            await store.AppendToStream(StreamIds.Run(run), ExpectedVersion.NoStream, [EventSerializer.ToNewEvent(started, run)], Ct);
        }
        var screen = new RunsScreen(new StoreQueries(store));
        await screen.Load(Ct);
        var status = screen.Columns.ToList().IndexOf("STATUS");
        Assert.Equal("recording", screen.Rows.Single(r => r[0] == "live")[status]);
        Assert.Equal("abandoned", screen.Rows.Single(r => r[0] == "gone")[status]);
    }
}
