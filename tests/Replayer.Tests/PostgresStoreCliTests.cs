using System.Diagnostics;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.EventStore.Postgres;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>
/// The commands on a PostgreSQL store (skipped, with the reason, without NEUROSIM_TEST_PG): the same work as on a file,
/// and a server that cannot be used named in one line with exit 6, never with its password, nothing written.
/// </summary>
public sealed class PostgresStoreCliTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string[] Small => ["--set", "numRowSubArray=32", "--set", "numColSubArray=32"];

    public void Dispose() => _tmp.Dispose();

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.Run(ReplayerCli.Run, args, Ct);

    private static void AssertOneLine(string err, string expected)
    {
        Assert.Contains(expected, err);
        Assert.DoesNotContain("   at ", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private async Task Import(string store, string run)
    {
        var dir = SyntheticV2Trace.Create(_tmp.Combine($"{run}-trace"), SyntheticV2Trace.SmallVgg, seed: 30);
        var (code, _, err) = await Run("import-v2", dir, "--run", run, "--epoch", "0", "--store", store);
        Assert.True(code == 0, err);
    }

    [Fact]
    public async Task Import_runs_replay_check_and_delete_work_on_a_server_store()
    {
        var store = server.NewStore().ToString();
        await Import(store, "r");
        var (code, output, err) = await Run("runs", "--store", store);
        Assert.True(code == 0, err);
        Assert.Contains("\nr ", "\n" + output);
        (code, output, err) = await Run(["replay", "r", "--store", store, "--quiet", .. Small]);
        Assert.True(code == 0, err);
        Assert.Contains("1 pair(s) estimated, 0 reused", output);
        (code, output, _) = await Run(["replay", "r", "--store", store, "--quiet", .. Small]);
        Assert.Contains("0 pair(s) estimated, 1 reused", output);
        (code, output, err) = await Run("check-store", "--store", store);
        Assert.True(code == 0, err);
        Assert.Contains("sound", output);
        (code, output, err) = await Run("worker", "--store", store, "--until-idle");
        Assert.True(code == 0, err);
        Assert.Contains("0 done, 0 failed", output);
        (code, _, err) = await Run("worker", "--store", "file:" + _tmp.Combine("embedded.db"), "--until-idle");
        Assert.Equal((int)ExitCode.NotSupported, code);
        AssertOneLine(err, "replay workers need a server store");
        (code, output, err) = await Run("delete-run", "r", "--yes", "--store", store);
        Assert.True(code == 0, err);
        (code, output, _) = await Run("runs", "--store", store);
        Assert.DoesNotContain("\nr ", "\n" + output);
    }

    [Fact]
    public async Task Copy_moves_runs_from_a_file_store_to_a_server_store_and_back_event_for_event()
    {
        var file = "file:" + _tmp.Combine("from.db");
        var pg = server.NewStore().ToString();
        var back = "file:" + _tmp.Combine("back.db");
        await Import(file, "r");
        Assert.Equal(0, (await Run(["replay", "r", "--store", file, "--quiet", .. Small])).Code);
        var (code, _, err) = await Run("copy", "--from", file, "--to", pg);
        Assert.True(code == 0, err);
        (code, _, err) = await Run("copy", "--from", pg, "--to", back);
        Assert.True(code == 0, err);
        var (_, original, _) = await Run("replays", "--store", file);
        var (_, copied, _) = await Run("replays", "--store", back);
        Assert.Equal(original, copied);
        (code, var output, err) = await Run(["replay", "r", "--store", pg, "--quiet", .. Small]);
        Assert.True(code == 0, err);
        Assert.Contains("0 pair(s) estimated, 1 reused", output);
    }

    [Fact]
    public async Task An_unreachable_server_a_missing_database_or_store_and_a_newer_format_give_one_line_and_exit_6()
    {
        var port = UnusedPort.Next();
        var database = server.Database.Database;
        var store = server.NewStore();
        await Import(store.ToString(), "r");
        await server.Database.Execute($"UPDATE \"{store.Schema}\".store_meta SET value = '99' WHERE key = 'format_version'", Ct);
        var head = await PostgresTestDatabase.Scalar(database, $"SELECT position FROM \"{store.Schema}\".store_head", Ct);
        var trace = SyntheticV2Trace.Create(_tmp.Combine("more"), SyntheticV2Trace.SmallVgg, seed: 31);
        var cases = new (string Address, string Expected)[]
        {
            ($"postgres://nobody:hunter2@127.0.0.1:{port}/x", $"Store 'postgres://nobody@127.0.0.1:{port}/x' cannot be reached"),
            (database.WithDatabase("neurosim_no_such_db").ToString(), "has no database 'neurosim_no_such_db'"),
            (server.NewStore().ToString(), "does not exist"),
            (store.ToString(), $"Store '{store}' has format version 99; this build reads up to 1"),
        };
        foreach (var (address, expected) in cases)
            foreach (var args in new[] { new[] { "runs" }, ["replays"], ["replay", "r", .. Small], ["check-store"], ["delete-run", "r", "--yes"] })
            {
                var (code, _, err) = await Run([.. args, "--store", address]);
                Assert.True(code == (int)ExitCode.StoreError, $"{string.Join(' ', args)} {address}: exit {code}, {err}");
                AssertOneLine(err, expected);
                Assert.DoesNotContain("hunter2", err);
            }
        var (c, _, e) = await Run("import-v2", trace, "--run", "r2", "--store", store.ToString());
        Assert.Equal((int)ExitCode.StoreError, c);
        AssertOneLine(e, "format version 99");
        Assert.Equal(head, await PostgresTestDatabase.Scalar(database, $"SELECT position FROM \"{store.Schema}\".store_head", Ct));   // nothing written
    }

    /// <summary>Password-protected role for the password tests; null (the test skips) when the server lets it in without one.</summary>
    private async Task<(string WithPassword, PostgresAddress Without)?> RoleWithPassword(string password)
    {
        var role = "neurosim_cli_" + Guid.NewGuid().ToString("N")[..8];
        var database = server.Database.Database;
        await server.Database.Execute($"CREATE ROLE {role} LOGIN PASSWORD '{password}'; GRANT CREATE ON DATABASE \"{database.Database}\" TO {role}", Ct);
        var without = PostgresAddress.Parse($"postgres://{role}@{database.Host}:{database.Port}/{database.Database}?schema={role}");
        var wrong = PostgresAddress.Parse($"postgres://{role}:not-it@{database.Host}:{database.Port}/{database.Database}?schema={role}");
        var (code, _, err) = await Run("runs", "--store", $"postgres://{role}:not-it@{database.Host}:{database.Port}/{database.Database}?schema={role}");
        if (!err.Contains("refused user", StringComparison.Ordinal)) return null;
        Assert.Equal((int)ExitCode.StoreError, code);
        Assert.DoesNotContain("not-it", err);
        Assert.Contains(wrong.ToString(), err);
        return ($"postgres://{role}:{password}@{database.Host}:{database.Port}/{database.Database}?schema={role}", without);
    }

    private static string ReplayerDll => Path.Combine(GoldenData.Repository, "artifacts", "bin", "Replayer", "release", "NeuroSim.Replay.Replayer.dll");

    /// <summary>The Replayer as a process of its own, with the environment given (PGPASSWORD, HOME) and no inherited password source.</summary>
    private static async Task<(int Code, string Out, string Err)> RunProcess(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [ReplayerDll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment.Remove("PGPASSWORD");
        start.Environment.Remove("PGPASSFILE");
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync(Ct);
        var error = p.StandardError.ReadToEndAsync(Ct);
        await p.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct);
        return (p.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Without_a_password_in_the_address_it_comes_from_PGPASSWORD_else_from_pgpass()
    {
        if (await RoleWithPassword("pw-from-elsewhere") is not { } role)
        {
            Assert.Skip("the test server lets roles in without a password (trust): password sources cannot be told apart; ./neurosim pg-up's server asks for them");
            return;
        }
        await Import(role.WithPassword, "r");
        Assert.True(File.Exists(ReplayerDll), $"not built: {ReplayerDll}");
        var emptyHome = _tmp.Combine("home-empty");
        Directory.CreateDirectory(emptyHome);
        var address = role.Without.ToString();

        var (code, output, err) = await RunProcess(new Dictionary<string, string> { ["PGPASSWORD"] = "pw-from-elsewhere", ["HOME"] = emptyHome }, "runs", "--store", address);
        Assert.True(code == 0, err);
        Assert.Contains("\nr ", "\n" + output);

        var home = _tmp.Combine("home");
        Directory.CreateDirectory(home);
        var pgpass = Path.Combine(home, ".pgpass");
        await File.WriteAllTextAsync(pgpass, $"{role.Without.Host}:{role.Without.Port}:{role.Without.Database}:{role.Without.User}:pw-from-elsewhere\n", Ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(pgpass, UnixFileMode.UserRead | UnixFileMode.UserWrite);   // as libpq wants it
        (code, output, err) = await RunProcess(new Dictionary<string, string> { ["HOME"] = home }, "runs", "--store", address);
        Assert.True(code == 0, err);
        Assert.Contains("\nr ", "\n" + output);

        (code, _, err) = await RunProcess(new Dictionary<string, string> { ["HOME"] = emptyHome }, "runs", "--store", address);
        Assert.Equal((int)ExitCode.StoreError, code);
        AssertOneLine(err, $"Store '{address}': the server asks user '{role.Without.User}' for a password and none was given");

        (code, _, err) = await RunProcess(new Dictionary<string, string> { ["PGPASSWORD"] = "stale", ["HOME"] = home }, "runs", "--store", address);
        Assert.Equal((int)ExitCode.StoreError, code);   // PGPASSWORD comes before ~/.pgpass
        AssertOneLine(err, "refused user");
        Assert.DoesNotContain("stale", err);
    }
}
