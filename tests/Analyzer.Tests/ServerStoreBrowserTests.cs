using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Analyzer.Screens;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.TestSupport;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace NeuroSim.Replay.Analyzer.Tests;

/// <summary>
/// The browser on a PostgreSQL store (skipped, with the reason, without NEUROSIM_TEST_PG): a run another process writes
/// appears live, and the run screen shows its sweep's progress on the worker fleet.
/// </summary>
[Collection(nameof(ServerStoreBrowserTests))]
public sealed class ServerStoreBrowserTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    private static string ReplayerDll => Path.Combine(GoldenData.Repository, "artifacts", "bin", "Replayer", "release", "NeuroSim.Replay.Replayer.dll");

    /// <summary>The Replayer in a process of its own (another machine, as far as the browser can tell).</summary>
    private static async Task<string> Replayer(params string[] args)
    {
        var (code, output, error) = await PipedProcess.Run("dotnet", [ReplayerDll, .. args], TimeSpan.FromMinutes(3), Ct);
        Assert.True(code == 0, $"{string.Join(' ', args)}: exit {code}: {error}");
        return output;
    }

    // A hang fails the test instead of holding up the suite.
    [Fact(Timeout = 300_000)]
    public async Task A_run_written_by_another_process_appears_live_and_its_sweep_shows_its_progress()
    {
        Assert.True(File.Exists(ReplayerDll), $"not built: {ReplayerDll}");
        var address = server.NewStore();
        var pg = address.ToString();
        await using (await StoreAddress.Parse(pg).OpenOrCreateForWriting(Ct)) { }
        await using var store = await StoreAddress.Parse(pg).OpenForReading(Ct);
        var q = new StoreQueries(store);
        using var browser = new TestBrowser(q, 110, 30);
        var (app, window) = (browser.App, browser.Window);
        Assert.Contains("no runs yet", browser.Screen());
        var dir = SyntheticV2Trace.Create(_tmp.Combine("t"), SyntheticV2Trace.SmallVgg, seed: 3);
        await Replayer("import-v2", dir, "--run", "arrived", "--epoch", "0", "--store", pg);
        window.RefreshIfStoreChanged();
        Assert.Contains("arrived", browser.Screen());

        await Replayer("replay", "arrived", "--store", pg, "--submit", "--set", "numRowSubArray=32", "--set", "numColSubArray=32", "--sweep", "readVoltage=0.4,0.5");
        app.InjectKey(Key.Enter);
        Assert.Contains("sweep on the worker fleet: 2 job(s): 2 queued, 0 running, 0 done", browser.Screen());
        await Replayer("worker", "--store", pg, "--until-idle");
        window.RefreshIfStoreChanged();
        var screen = browser.Screen();
        Assert.Contains("2 job(s): 0 queued, 0 running, 2 done, 0 failed", screen);
        Assert.Contains("2 replay(s)", screen);
    }
}

/// <summary>The server-store browser test's collection: not run in parallel with other tests.</summary>
[CollectionDefinition(nameof(ServerStoreBrowserTests), DisableParallelization = true)]
public sealed class ServerStoreBrowserCollection;
