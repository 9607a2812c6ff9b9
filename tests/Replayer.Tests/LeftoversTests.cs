using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>What killed processes leave behind: runs whose recorder is gone, and half-written temporary files.</summary>
public sealed class LeftoversTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private string Store => "file:" + _tmp.Combine("left.db");
    public void Dispose() => _tmp.Dispose();

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.Run(ReplayerCli.Run, args, Ct);

    [Fact]
    public async Task Runs_tells_an_abandoned_run_from_a_live_one_and_says_how_to_resume_it()
    {
        await using (var store = await StoreAddress.Parse(Store).OpenOrCreateForWriting(Ct))
        {
            await RecordedRuns.Append(store, "live", Ct, RecordedRuns.Started("live", RunLiveness.CurrentOwner()));
            await RecordedRuns.Append(store, "gone", Ct, RecordedRuns.Started("gone", RecordedRuns.DeadOwner()));
        }
        var (code, output, err) = await Run("runs", "--store", Store);
        Assert.True(code == 0, err);
        var lines = output.Split('\n');
        Assert.Contains("recording", lines.Single(l => l.StartsWith("live ", StringComparison.Ordinal)));
        Assert.Contains($"abandoned (resume with: ./neurosim record --resume gone --store {Store})", lines.Single(l => l.StartsWith("gone ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Commands_writing_a_folder_remove_the_temporary_files_killed_writers_left_there()
    {
        var dead = ExitedProcess.Id();
        (string Stale, string Live) Leftovers(string folder)
        {
            Directory.CreateDirectory(folder);
            var stale = Path.Combine(folder, $"NeuroSim_Output.csv.tmp-{dead}-{Guid.NewGuid():N}");
            var live = Path.Combine(folder, $"NeuroSim_Output.csv.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllText(stale, "half");
            File.WriteAllText(live, "being written");
            return (stale, live);
        }
        var dir = SyntheticV2Trace.Create(_tmp.Combine("t"), SyntheticV2Trace.SmallVgg, epoch: 0);
        string[] small = ["--set", "numRowSubArray=32", "--set", "numColSubArray=32"];
        var (code, _, err) = await Run("import-v2", dir, "--run", "t", "--store", Store);
        Assert.True(code == 0, err);
        var commands = new (string Folder, string[] Args)[]
        {
            ("est", ["estimate-v2", dir, "--out", _tmp.Combine("est"), .. small]),
            ("replay", ["replay", "t", "--store", Store, "--out", _tmp.Combine("replay"), "--quiet", .. small]),
            (Path.Combine("v2", "layer_record"), ["export-v2", "t", "--epoch", "0", "--store", Store, "--out", _tmp.Combine("v2")]),
        };
        foreach (var (folder, args) in commands)
        {
            var (stale, live) = Leftovers(_tmp.Combine(folder, "NeuroSim_Results_Each_Epoch"));
            var (topStale, topLive) = Leftovers(_tmp.Combine(folder));
            (code, _, err) = await Run(args);
            Assert.True(code == 0, $"{args[0]}: {err}");
            Assert.False(File.Exists(topStale), $"{args[0]} left {topStale}");
            Assert.True(File.Exists(topLive), $"{args[0]} removed a live writer's {topLive}");
            Assert.True(File.Exists(live));
            if (args[0] != "export-v2") Assert.False(File.Exists(stale), $"{args[0]} left {stale}");
        }
    }
}
