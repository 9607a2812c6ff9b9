using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Text;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.EventStore.Jobs;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>
/// <c>bench-fleet [--pg ADDRESS] [--workers 1,2,4] [--pairs 24] [--trace DIR]</c>: replay throughput of a worker fleet on a
/// server store (worker processes of this build, pairs/s for each fleet size) and the cost of a claim with 1,000 jobs
/// queued; in a schema of its own, dropped after.
/// </summary>
public static class BenchFleetCommand
{
    public static Command Create(CommandIo io)
    {
        var pg = new Option<string?>("--pg") { Description = "The PostgreSQL server (default $NEUROSIM_TEST_PG; ./neurosim pg-up starts one)." };
        var workers = new Option<string>("--workers") { Description = "Fleet sizes to time.", DefaultValueFactory = _ => "1,2,4" };
        var pairs = new Option<int>("--pairs") { Description = "Pairs per fleet size (distinct chips, so nothing is reused).", DefaultValueFactory = _ => 24 };
        var trace = new Option<string?>("--trace") { Description = "A V2.0 trace folder to replay (default: a synthetic small VGG-8 pattern, 32x32 subarrays)." };
        var cmd = new Command("bench-fleet", "Time a replay fleet on a server store: pairs/s with 1, 2, 4 workers, and the cost of a claim with 1,000 queued jobs.")
        {
            pg, workers, pairs, trace,
        };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var server = parse.GetValue(pg) ?? Environment.GetEnvironmentVariable("NEUROSIM_TEST_PG")
                ?? throw new ArgumentException("--pg: no PostgreSQL given (or $NEUROSIM_TEST_PG; ./neurosim pg-up starts one).");
            if (StoreAddress.Parse(server).IsFile) throw new ArgumentException($"--pg: '{server}' is not a postgres:// address.");
            var sizes = parse.GetValue(workers)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(s => int.TryParse(s, out var n) && n is > 0 and <= 64 ? n : throw new ArgumentException($"--workers: '{s}' is not a count from 1 to 64")).ToList();
            var n = parse.GetValue(pairs);
            if (n < 1) throw new ArgumentException("--pairs: at least 1");
            var address = StoreAddress.Parse(server.Split('?')[0] + $"?schema=bench_fleet_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}");
            var scratch = Directory.CreateTempSubdirectory("neurosim-bench-fleet-").FullName;
            var table = new TextTable("workers", "pairs", "seconds", "pairs/s");
            try
            {
                var folder = parse.GetValue(trace) ?? SyntheticV2Trace.Create(Path.Combine(scratch, "trace"), SyntheticV2Trace.SmallVgg, seed: 1);
                var chip = parse.GetValue(trace) is null ? new[] { ("numRowSubArray", "32"), ("numColSubArray", "32") } : [];
                await using (var store = await address.OpenOrCreateForWriting(ct))
                    await V2Importer.Import(store, V2TraceFolder.Read(folder, cancellationToken: ct), "bench", 0, ct);
                await using var queue = await address.OpenJobQueue(ct);
                await using var events = await address.OpenForWriting(ct);

                // A claim (and its completion) with 1,000 jobs queued: the index scan and the row lock, one round trip each.
                await queue.Enqueue("bench", [.. Enumerable.Range(0, 1000).Select(i => new JobSpec($"j{i:D4}", "bench", new byte[64]))], ct);
                var claims = new List<double>();
                var completes = new List<double>();
                for (var i = 0; i < 200; i++)
                {
                    var sw = Stopwatch.StartNew();
                    var job = await queue.Claim("bench", "bench", TimeSpan.FromMinutes(1), ct) ?? throw new InvalidOperationException("queue ran dry");
                    claims.Add(sw.Elapsed.TotalMilliseconds);
                    sw.Restart();
                    await queue.Complete(job, ct);
                    completes.Add(sw.Elapsed.TotalMilliseconds);
                }

                var round = 0;
                foreach (var size in sizes)
                {
                    round++;
                    // Distinct read voltages per round: every pair is new, none is reused from an earlier round.
                    var configs = Enumerable.Range(0, n).Select(i => new ReplayConfig($"v{round}-{i}", ChipModel.Hardware.HardwareConfigParser.Apply(
                        ChipModel.Hardware.HardwareConfig.Default, [.. chip.Select(c => (c.Item1, c.Item2, 0)), ("readVoltage", (0.2 + 0.001 * (round * 1000 + i)).ToString("R", CultureInfo.InvariantCulture), 0)], "bench"))).ToList();
                    await ReplayJobs.Submit(events, queue, "bench", [0], configs, ct);
                    var sw = Stopwatch.StartNew();
                    var fleet = Enumerable.Range(0, size).Select(_ => Process.Start(new ProcessStartInfo(Environment.ProcessPath!,
                        Self(["worker", "--store", address.ToString(), "--until-idle"])) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!).ToList();
                    foreach (var p in fleet)
                    {
                        p.OutputDataReceived += (_, _) => { };
                        p.ErrorDataReceived += (_, _) => { };
                        p.BeginOutputReadLine();
                        p.BeginErrorReadLine();
                    }
                    await Task.WhenAll(fleet.Select(p => p.WaitForExitAsync(ct)));
                    var seconds = sw.Elapsed.TotalSeconds;
                    if (fleet.Any(p => p.ExitCode != 0)) throw new InvalidOperationException($"a worker of the {size}-worker fleet failed (exit {fleet.First(p => p.ExitCode != 0).ExitCode})");
                    table.Add($"{size}", $"{n}", F(seconds), F(n / seconds));
                }
                await io.Out.WriteLineAsync($"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB; worker processes of this build " +
                    $"(each process start and store open included); trace {(parse.GetValue(trace) ?? "synthetic small VGG-8, 32x32 subarrays")}");
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"claim with 1,000 queued: median {Median(claims):F2} ms (p95 {P95(claims):F2} ms); complete: median {Median(completes):F2} ms"));
                await io.Out.WriteAsync(table.ToString());
            }
            finally
            {
                await address.Destroy(CancellationToken.None);
                try { Directory.Delete(scratch, true); } catch (IOException) { }
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>Arguments that start this build again: the apphost directly, or `dotnet app.dll` when run through dotnet.</summary>
    private static string[] Self(string[] args) =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? [typeof(BenchFleetCommand).Assembly.Location, .. args] : args;

    private static double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
    private static double P95(List<double> v) => v.Order().ElementAt((int)(v.Count * 0.95));
    private static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
}
