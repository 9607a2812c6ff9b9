using Microsoft.Data.Sqlite;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>Damaged stores, mistyped paths and deleted runs through the commands: one line, the documented exit code, nothing written.</summary>
public sealed class StoreFaultTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private string StorePath => _tmp.Combine("faults.db");
    private string Store => "file:" + StorePath;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _tmp.Dispose();
    }

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.Run(ReplayerCli.Run, args, Ct);

    private async Task Import(string run, int epoch, string? store = null)
    {
        var dir = SyntheticV2Trace.Create(_tmp.Combine($"{run}-t{epoch}"), SyntheticV2Trace.SmallVgg, seed: 30 + epoch);
        var (code, _, err) = await Run("import-v2", dir, "--run", run, "--epoch", $"{epoch}", "--store", store ?? Store);
        Assert.True(code == 0, err);
    }

    private static string[] Small => ["--set", "numRowSubArray=32", "--set", "numColSubArray=32"];

    private static void AssertOneLine(string err, string expected)
    {
        Assert.Contains(expected, err);
        Assert.DoesNotContain("   at ", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_mistyped_store_path_on_replay_or_a_reader_creates_nothing()
    {
        var typo = _tmp.Combine("fualts.db");
        foreach (var args in new[] { new[] { "replay", "r", "--store", typo }, ["runs", "--store", typo], ["replays", "--store", typo], ["delete-run", "r", "--yes", "--store", typo] })
        {
            var (code, _, err) = await Run(args);
            Assert.Equal((int)ExitCode.StoreError, code);
            AssertOneLine(err, "does not exist");
        }
        Assert.False(File.Exists(typo));
    }

    [Fact]
    public async Task Every_command_stops_on_a_damaged_store_with_one_line_and_writes_nothing()
    {
        await Import("r", 0);
        SqliteConnection.ClearAllPools();
        await StoreFiles.DamagePages(StorePath, Ct);
        var before = await File.ReadAllBytesAsync(StorePath, Ct);
        var trace = SyntheticV2Trace.Create(_tmp.Combine("more"), SyntheticV2Trace.SmallVgg, seed: 99);
        foreach (var args in new[] { new[] { "runs" }, ["replays"], ["replay", "r", .. Small], ["import-v2", trace, "--run", "r2"], ["export-v2", "r", "--epoch", "0", "--out", _tmp.Combine("x")],
                     ["delete-run", "r", "--yes"] })
        {
            var (code, _, err) = await Run([.. args, "--store", Store]);
            Assert.Equal((int)ExitCode.StoreError, code);
            AssertOneLine(err, "is damaged");
        }
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, await File.ReadAllBytesAsync(StorePath, Ct));
        var (c, _, e) = await Run("check-store", "--store", Store);
        Assert.Equal((int)ExitCode.StoreError, c);
        Assert.Contains("damaged: storage:", e);
    }

    [Fact]
    public async Task A_trace_payload_damaged_inside_a_sound_database_is_found_by_its_checksum()
    {
        await Import("r", 0);
        var (code, output, _) = await Run("check-store", "--store", Store);
        Assert.Equal(0, code);
        Assert.Contains("sound", output);
        // Bit rot inside one stored trace: SQLite's own checks cannot see it, the tensors' CRC-32 can.
        await using (var c = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            await c.OpenAsync(Ct);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = """
                UPDATE events SET data = substr(data, 1, length(data) - 40) || x'FF' || substr(data, length(data) - 38)
                WHERE position = (SELECT min(position) FROM events WHERE type = 'layer_trace_recorded')
                """;
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync(Ct));
        }
        var err = "";
        (code, _, err) = await Run(["replay", "r", "--store", Store, "--quiet", .. Small]);
        Assert.Equal((int)ExitCode.StoreError, code);
        AssertOneLine(err, "damaged");
        (code, _, err) = await Run("check-store", "--store", Store);
        Assert.Equal((int)ExitCode.StoreError, code);
        Assert.Contains("damaged: run-r@", err);
    }

    [Fact]
    public async Task A_deleted_run_and_its_replays_are_gone_and_its_name_can_be_used_again()
    {
        await Import("r", 0);
        await Import("r-b", 0);   // a run whose name starts with the deleted one's: untouched
        Assert.Equal(0, (await Run(["replay", "r", "--store", Store, "--quiet", .. Small, "--sweep", "technode=32,22"])).Code);
        Assert.Equal(0, (await Run(["replay", "r-b", "--store", Store, "--quiet", .. Small])).Code);
        var checkpoints = Path.Combine(StorePath + ".checkpoints", "r");
        Directory.CreateDirectory(checkpoints);
        await File.WriteAllTextAsync(Path.Combine(checkpoints, "epoch-0.ckpt"), "x", Ct);

        var (code, output, err) = await Run("delete-run", "r", "--store", Store);   // no terminal, no --yes: refused
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("--yes", err);
        (code, output, err) = await Run("delete-run", "r", "--yes", "--store", Store);
        Assert.True(code == 0, err);
        Assert.Contains("2 replay(s)", output);
        Assert.False(Directory.Exists(checkpoints));
        (code, output, _) = await Run("runs", "--store", Store);
        Assert.DoesNotContain("\nr ", "\n" + output);
        Assert.Contains("r-b", output);
        (code, output, _) = await Run("replays", "--store", Store);
        Assert.Contains("r-b", output);
        Assert.DoesNotContain("\nr ", "\n" + output);
        (code, _, err) = await Run("delete-run", "r", "--yes", "--store", Store);
        Assert.Equal((int)ExitCode.NotFound, code);

        await Import("r", 0);   // the name is free again
        (code, output, err) = await Run(["replay", "r", "--store", Store, "--quiet", .. Small]);
        Assert.True(code == 0, err);
        Assert.Contains("1 pair(s) estimated, 0 reused", output);
        Assert.Equal(0, (await Run("check-store", "--store", Store)).Code);
    }
}
