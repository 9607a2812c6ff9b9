using System.Diagnostics;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Analyzer.Tests;

/// <summary>
/// The real executables in a real terminal: tmux runs `browse` on a store the recorder filled, a second recording
/// starts in another process while the UI is open, and its run appears on screen; keys go in with send-keys.
/// </summary>
public sealed class TmuxTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private readonly string _session = $"nsr-{Environment.ProcessId}";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Tmux("kill-session", "-t", _session);
        _tmp.Dispose();
    }

    private static string Bin(string app) => Path.Combine(GoldenData.Repository, "artifacts", "bin", app, "release", $"NeuroSim.Replay.{app}.dll");

    private static (int Code, string Out) Tmux(params string[] args)
    {
        // A missing tmux is exit code 127 from the shell.
        var outcome = PipedProcess.Run("tmux", args, TimeSpan.FromMinutes(1), CancellationToken.None).GetAwaiter().GetResult();
        return (outcome.ExitCode, outcome.Output);
    }

    private string Capture() => Tmux("capture-pane", "-p", "-t", _session).Out;

    private async Task<string> WaitFor(string text, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        var screen = "";
        while (sw.Elapsed < timeout)
        {
            screen = Capture();
            if (screen.Contains(text, StringComparison.Ordinal)) return screen;
            await Task.Delay(250, Ct);
        }
        return screen;
    }

    private static async Task<int> Record(string store, string data, string run, int epochs)
    {
        // The recorder in a process of its own, as a user would start it beside the browser.
        var outcome = await PipedProcess.Run("dotnet", [Bin("Recorder"), "record", "--model", "mnist-mlp", "--epochs", $"{epochs}", "--batch-size", "20",
            "--max-batches", "3", "--data", data, "--store", store, "--run", run, "--quiet"], TimeSpan.FromMinutes(5), Ct);
        return outcome.ExitCode;
    }

    [Fact]
    public async Task Browse_in_tmux_shows_recorded_runs_and_a_live_one_arriving()
    {
        if (Tmux("-V").Code != 0) Assert.Skip("tmux is not installed: terminal test skipped");
        // Both are built before this project's tests (project references), so their absence is a failure, not a skip.
        Assert.True(File.Exists(Bin("Analyzer")) && File.Exists(Bin("Recorder")), $"built executables not found: {Bin("Analyzer")}, {Bin("Recorder")}");
        var store = "file:" + _tmp.Combine("tmux.db");
        var data = NpmDigits.Write(_tmp.Combine("npm"), 8);
        Assert.Equal(0, await Record(store, data, "before-ui", 1));

        Assert.Equal(0, Tmux("new-session", "-d", "-s", _session, "-x", "110", "-y", "30", $"dotnet {Bin("Analyzer")} browse --store {store}").Code);
        var screen = await WaitFor("before-ui", TimeSpan.FromSeconds(20));
        Assert.True(screen.Contains("before-ui", StringComparison.Ordinal), screen);
        Assert.Contains("completed", screen);

        var live = Record(store, data, "while-open", 2);   // another process writes while the UI is open
        screen = await WaitFor("while-open", TimeSpan.FromSeconds(60));
        Assert.True(screen.Contains("while-open", StringComparison.Ordinal), screen);
        Assert.Equal(0, await live);

        Tmux("send-keys", "-t", _session, "Down");
        Tmux("send-keys", "-t", _session, "Enter");
        screen = await WaitFor("Run ", TimeSpan.FromSeconds(10));
        Assert.True(screen.Contains("accuracy", StringComparison.Ordinal), screen);
        Tmux("send-keys", "-t", _session, "q");
        // q quits the browser and so its session (within 30 s, however loaded the machine).
        for (var waited = 0; waited < 120 && Tmux("has-session", "-t", _session).Code == 0; waited++) await Task.Delay(250, Ct);
        Assert.NotEqual(0, Tmux("has-session", "-t", _session).Code);
    }
}
