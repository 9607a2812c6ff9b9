using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Analyzer.Screens;
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
        await using var store = await StoreAddress.Parse("file:" + _tmp.Combine("status.db")).OpenOrCreateForWriting(Ct);
        await RecordedRuns.Append(store, "live", Ct, RecordedRuns.Started("live", RunLiveness.CurrentOwner()));
        await RecordedRuns.Append(store, "gone", Ct, RecordedRuns.Started("gone", RecordedRuns.DeadOwner()));
        var screen = new RunsScreen(new StoreQueries(store));
        await screen.Load(Ct);
        var status = screen.Columns.ToList().IndexOf("STATUS");
        Assert.Equal("recording", screen.Rows.Single(r => r[0] == "live")[status]);
        Assert.Equal("abandoned", screen.Rows.Single(r => r[0] == "gone")[status]);
    }
}
