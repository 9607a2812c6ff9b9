using System.CommandLine;
using System.Globalization;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Text;
using NeuroSim.Replay.EventStore.Jobs;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary><c>jobs [RUN] --store postgres://… [--watch]</c>: the replay queue: counts, rate and ETA, running jobs (worker, since), failures.</summary>
public static class JobsCommand
{
    public static Command Create(CommandIo io)
    {
        var run = new Argument<string?>("RUN") { Description = "Only this run's jobs.", Arity = ArgumentArity.ZeroOrOne };
        var watch = new Option<bool>("--watch") { Description = "Follow: print the progress again every --interval seconds until nothing is queued or running (Ctrl+C stops)." };
        var interval = new Option<double>("--interval") { Description = "Seconds between --watch updates.", DefaultValueFactory = _ => 2 };
        var store = CommandIo.StoreOption();
        var cmd = new Command("jobs", "Show the replay jobs of a server store: queued / running (which worker, since when) / done / failed, rate and ETA.") { run, watch, interval, store };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            if (parse.GetValue(interval) is <= 0 or > 3600) throw new ArgumentException("--interval: seconds from 0 to 3600");
            await using var queue = await CommandIo.Address(parse, store).OpenJobQueue(ct);
            var runName = parse.GetValue(run);
            while (true)
            {
                var jobs = await queue.List(ReplayJobs.Queue, runName, ct);
                var progress = await Print(io.Out, jobs, runName);
                if (!parse.GetValue(watch) || progress.Queued + progress.Running == 0) return progress.Failed > 0 ? (int)ExitCode.Failure : 0;
                await Task.Delay(TimeSpan.FromSeconds(parse.GetValue(interval)), ct);
            }
        }));
        return cmd;
    }

    public static async Task<JobProgress> Print(TextWriter output, IReadOnlyList<JobInfo> jobs, string? runName)
    {
        var now = DateTimeOffset.UtcNow;
        var progress = JobProgress.Of(jobs, now);
        await output.WriteLineAsync($"{(runName is null ? "replay jobs" : $"replay jobs of run '{runName}'")}: {progress}");
        var running = jobs.Where(j => j.State == JobState.Running).ToList();
        if (running.Count > 0)
        {
            var table = new TextTable("running", "worker", "since", "attempt");
            foreach (var j in running)
                table.Add(j.Key, j.Worker ?? "", j.Since is { } s ? string.Create(CultureInfo.InvariantCulture, $"{(now - s).TotalSeconds:F0} s") : "", j.Attempts.ToString(CultureInfo.InvariantCulture));
            await output.WriteAsync(table.ToString());
        }
        foreach (var j in jobs.Where(j => j.State == JobState.Failed))
            await output.WriteLineAsync($"failed: {j.Key}: {j.Error}");
        return progress;
    }
}
