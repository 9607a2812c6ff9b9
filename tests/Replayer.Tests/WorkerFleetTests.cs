using System.Diagnostics;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Jobs;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>
/// A replay fleet on a server store (skipped, with the reason, without NEUROSIM_TEST_PG): workers in processes of their own,
/// some killed with SIGKILL mid-job; every pair is stored once and equals a local replay's, byte for byte.
/// </summary>
public sealed class WorkerFleetTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.Run(ReplayerCli.Run, args, Ct);

    private static string ReplayerDll => Path.Combine(GoldenData.Repository, "artifacts", "bin", "Replayer", "release", "NeuroSim.Replay.Replayer.dll");

    /// <summary>Ten chips (read voltages) on 32x32 subarrays.</summary>
    private static readonly string[] Sweep = ["--set", "numRowSubArray=32", "--set", "numColSubArray=32", "--sweep", "readVoltage=0.30,0.32,0.34,0.36,0.38,0.40,0.42,0.44,0.46,0.48"];

    private async Task ImportEpochs(string store, int epochs)
    {
        for (var e = 0; e < epochs; e++)
        {
            var dir = SyntheticV2Trace.Create(_tmp.Combine($"t{e}"), SyntheticV2Trace.SmallVgg, seed: 50 + e);
            var (code, _, err) = await Run("import-v2", dir, "--run", "r", "--epoch", $"{e}", "--store", store);
            Assert.True(code == 0, err);
        }
    }

    private static Process Worker(string store, params string[] more)
    {
        var start = new ProcessStartInfo("dotnet", [ReplayerDll, "worker", "--store", store, "--lease-seconds", "3", .. more])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var p = Process.Start(start)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static string Files(string dir) => string.Join("\n", Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(f => Path.GetRelativePath(dir, f) + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))));

    [Fact]
    public async Task Four_workers_finish_every_pair_once_after_ten_were_killed_mid_job_and_match_a_local_replay()
    {
        Assert.True(File.Exists(ReplayerDll), $"not built: {ReplayerDll}");
        var pg = server.NewStore().ToString();
        var file = "file:" + _tmp.Combine("local.db");
        await ImportEpochs(pg, 4);
        await ImportEpochs(file, 4);
        var (code, output, err) = await Run(["replay", "r", "--store", pg, "--submit", .. Sweep]);
        Assert.True(code == 0, err);
        Assert.Contains("40 queued as jobs", output);
        (code, output, _) = await Run(["replay", "r", "--store", pg, "--submit", .. Sweep]);
        Assert.Contains("0 queued as jobs, 40 queued before", output);

        // Ten workers killed with SIGKILL at random moments (their leases expire after 3 s and the jobs go to others).
        var random = new Random(7);
        for (var i = 0; i < 10; i++)
        {
            using var doomed = Worker(pg);
            await Task.Delay(random.Next(600, 2500), Ct);
            doomed.Kill();
            await doomed.WaitForExitAsync(Ct);
        }
        var fleet = Enumerable.Range(0, 4).Select(_ => Worker(pg, "--until-idle")).ToList();
        try
        {
            await Task.WhenAll(fleet.Select(p => p.WaitForExitAsync(Ct))).WaitAsync(TimeSpan.FromMinutes(5), Ct);
        }
        finally
        {
            foreach (var p in fleet.Where(p => !p.HasExited)) p.Kill();
        }
        Assert.All(fleet, p => Assert.Equal(0, p.ExitCode));

        await using (var queue = await StoreAddress.Parse(pg).OpenJobQueue(Ct))
        {
            var jobs = await queue.List(ReplayJobs.Queue, "r", Ct);
            Assert.Equal(40, jobs.Count);
            Assert.All(jobs, j => Assert.Equal(JobState.Done, j.State));
        }
        // Exactly once: one estimate per (configuration, epoch), whatever was killed where.
        await using (var store = await StoreAddress.Parse(pg).OpenForReading(Ct))
        {
            var streams = await store.ListStreams(StreamIds.Replay("r", ""), Ct);
            Assert.Equal(10, streams.Count);
            foreach (var s in streams)
            {
                var page = await store.ReadStreamForwards(s.StreamId, 0, int.MaxValue, [EventTypeNames.EpochEstimated], Ct);
                var epochs = page.Events.Select(e => EventSerializer.Deserialize<EpochEstimated>(e).Epoch).ToList();
                Assert.Equal([0, 1, 2, 3], epochs.Order());
            }
        }
        (code, output, err) = await Run("jobs", "r", "--store", pg);
        Assert.True(code == 0, err);
        Assert.Contains("40 done, 0 failed", output);

        // The fleet's results, read back, are a local replay's byte for byte.
        (code, output, err) = await Run(["replay", "r", "--store", pg, "--quiet", "--out", _tmp.Combine("fleet"), .. Sweep]);
        Assert.True(code == 0, err);
        Assert.Contains("0 pair(s) estimated, 40 reused", output);
        (code, _, err) = await Run(["replay", "r", "--store", file, "--quiet", "--out", _tmp.Combine("local"), .. Sweep]);
        Assert.True(code == 0, err);
        Assert.Equal(Files(_tmp.Combine("local")), Files(_tmp.Combine("fleet")));
    }

    [Fact]
    public async Task Replay_wait_follows_the_workers_and_bad_jobs_fail_with_their_message()
    {
        var pg = server.NewStore().ToString();
        await ImportEpochs(pg, 2);
        var waiting = Run(["replay", "r", "--store", pg, "--wait", "--quiet", "--out", _tmp.Combine("out"), "--set", "numRowSubArray=32", "--set", "numColSubArray=32"]);
        await using (var queue = await StoreAddress.Parse(pg).OpenJobQueue(Ct))
            while ((await queue.List(ReplayJobs.Queue, "r", Ct)).Count < 2 && !waiting.IsCompleted) await Task.Delay(100, Ct);
        var (code, output, err) = await Run("worker", "--store", pg, "--until-idle");
        Assert.True(code == 0, err);
        Assert.Contains("2 done, 0 failed", output);
        (code, output, err) = await waiting;
        Assert.True(code == 0, err);
        Assert.Contains("0 pair(s) estimated, 2 reused", output);
        Assert.True(File.Exists(Path.Combine(_tmp.Combine("out"), "NeuroSim_Output.csv")));

        // A job whose input cannot work (its epoch's traces gone from the run) fails with the reason, once.
        await using (var queue = await StoreAddress.Parse(pg).OpenJobQueue(Ct))
        {
            var config = new ReplayConfig("x", ChipModel.Hardware.HardwareConfig.Default with { NumRowSubArray = 32, NumColSubArray = 32 });
            await queue.Enqueue(ReplayJobs.Queue, [ReplayJobs.ToJob("r", config, 7)], Ct);
        }
        (code, output, err) = await Run("worker", "--store", pg, "--until-idle");
        Assert.True(code == 0, err);
        Assert.Contains("0 done, 1 failed", output);
        (code, output, _) = await Run("jobs", "r", "--store", pg);
        Assert.NotEqual(0, code);
        Assert.Contains("failed: r/", output);
        Assert.Contains("epoch(s) 7", output);
    }

    [Fact]
    public async Task SIGTERM_stops_a_worker_cleanly_and_gives_its_job_back_at_once()
    {
        Assert.True(File.Exists(ReplayerDll), $"not built: {ReplayerDll}");
        var pg = server.NewStore().ToString();
        await ImportEpochs(pg, 1);
        // A job the worker holds while it is stopped: its lease is long (10 min), so only a release frees it in time.
        var start = new ProcessStartInfo("dotnet", [ReplayerDll, "worker", "--store", pg, "--lease-seconds", "600"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var worker = Process.Start(start)!;
        var error = worker.StandardError.ReadToEndAsync(Ct);
        // Started and polling an empty queue: its first line says so (however long a loaded machine takes to get there).
        var first = await worker.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromMinutes(2), Ct);
        Assert.True(first?.Contains("slot(s) on", StringComparison.Ordinal) == true, $"worker's first line: {first}; stderr: {(worker.HasExited ? await error : "")}");
        var output = worker.StandardOutput.ReadToEndAsync(Ct);
        var (code, _, err) = await Run(["replay", "r", "--store", pg, "--submit", .. Sweep]);
        Assert.True(code == 0, err);
        await using var queue = await StoreAddress.Parse(pg).OpenJobQueue(Ct);
        // Stopped while it holds a job (or, on a fast machine, after it finished them all: then there is nothing to give back).
        for (var waited = 0; waited < 600 && !(await queue.List(ReplayJobs.Queue, "r", Ct)).Any(j => j.State is JobState.Running or JobState.Done); waited++)
            await Task.Delay(100, Ct);
        Assert.Equal(0, Syscall.Kill(worker.Id, 15));
        await worker.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromMinutes(1), Ct);
        Assert.True(worker.ExitCode == 0, await error);
        Assert.Contains("stopped:", await output);
        var jobs = await queue.List(ReplayJobs.Queue, "r", Ct);
        // Nothing is left held: every job is done or back in the queue for the next worker.
        Assert.All(jobs, j => Assert.Contains(j.State, new[] { JobState.Done, JobState.Queued }));
        Assert.DoesNotContain(jobs, j => j.State == JobState.Queued && j.Worker is not null);
    }

    private static class Syscall
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }
}
