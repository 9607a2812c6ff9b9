using System.Diagnostics;
using NeuroSim.Replay.Accuracy;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Studies;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Recorder.Study;

/// <summary>
/// Carries out a study's plan: every run not yet done is recorded (a new run, or <c>record --resume</c> for one a stopped study left),
/// <c>parallel</c> at a time in processes of their own with the cores shared between them, then replayed on the study's chip (and
/// with the accuracy replay) in this process; each step is a study event, so a stopped study resumes where it was.
/// </summary>
/// <param name="storeArgument">The --store the study was given, as given (a server's password included), for the runs' recorders;
/// null: they find the same default store (same folder, same $NEUROSIM_STORE).</param>
public sealed class StudyRunner(string? storeArgument, IEventStore store, StudyPlanned plan, int parallel, TextWriter output)
{
    /// <returns>The runs that failed (the study goes on with the others; run it again to retry them).</returns>
    public async Task<IReadOnlyList<StudyRunFailed>> Run(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var state = await StudyStore.Read(store, plan.Name, ct) ?? throw new InvalidOperationException($"study '{plan.Name}' has no plan");
        var todo = plan.Runs.Where(r => !state.IsDone(r.Run)).ToList();
        var threads = Math.Max(1, Environment.ProcessorCount / parallel);
        await Say($"study '{plan.Name}': {plan.Runs.Count} runs ({plan.Points.Count} points x {plan.Seeds.Count} seeds), {state.DoneCount} done, " +
            $"{todo.Count} to go, {parallel} at a time ({threads} torch thread(s) each, {Environment.ProcessorCount} cores)");
        var failures = new List<StudyRunFailed>();
        var finished = state.DoneCount;
        using var gate = new SemaphoreSlim(parallel);
        using var appendLock = new SemaphoreSlim(1);
        var tasks = todo.Select(async run =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var failure = await Carry(run, state, threads, appendLock, ct);
                lock (failures)
                {
                    if (failure is not null) failures.Add(failure);
                    else finished++;
                }
                await Say(failure is null ? $"  {run.Run}: done ({finished}/{plan.Runs.Count}, {clock.Elapsed.TotalMinutes:F1} min)"
                    : $"  {run.Run}: {failure.Stage} failed: {failure.Reason}");
            }
            finally { gate.Release(); }
        }).ToList();
        await Task.WhenAll(tasks);
        if (failures.Count == 0 && !state.Completed)
            await Append(appendLock, new StudyCompleted { Runs = plan.Runs.Count, Seconds = clock.Elapsed.TotalSeconds }, ct);
        return failures;
    }

    private async Task<StudyRunFailed?> Carry(StudyRunPlanned run, StudyState state, int threads, SemaphoreSlim appendLock, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        if (!state.Recorded.Contains(run.Run))
        {
            var summary = await RunReader.ReadSummary(store, run.Run, ct);
            if (summary is null || summary.Status != RunStatus.Completed)
            {
                if (summary is { Status: RunStatus.Recording })
                    return await Fail(appendLock, run.Run, "record", $"another process is recording it now (pid {summary.Owner?.Pid}); run the study again once it is done", ct);
                var (code, error) = await RecorderProcess.Run(RecordArguments(run, summary is not null, threads), ct);
                if (code != 0) return await Fail(appendLock, run.Run, "record", $"exit {code}: {error}", ct);
                summary = await RunReader.ReadSummary(store, run.Run, ct);
                if (summary is not { Status: RunStatus.Completed }) return await Fail(appendLock, run.Run, "record", "the recorder ended but the run is not completed", ct);
            }
            await Append(appendLock, new StudyRunRecorded { Run = run.Run, Seconds = started.Elapsed.TotalSeconds, BestTestAccuracy = summary.BestAccuracy ?? 0 }, ct);
        }
        if (plan.Replay && !state.Replayed.ContainsKey(run.Run))
        {
            var replayClock = Stopwatch.StartNew();
            try
            {
                var chip = Chip(plan);
                var summary = await RunReader.ReadSummary(store, run.Run, ct) ?? throw new RunNotFoundException($"run '{run.Run}' not found");
                var epochs = summary.TracedEpochs.ToList();
                if (plan.Accuracy)
                    await AccuracyReplay.Run(store, run.Run, epochs, [chip], new AccuracyReplayOptions(plan.Instances, 1, Jobs: 1, DataFolder: plan.Data.Length > 0 ? plan.Data : null), null, ct);
                else
                    await ReplayEngine.Run(store, run.Run, epochs, [chip], false, 1, null, ct);
                await Append(appendLock, new StudyRunReplayed { Run = run.Run, ConfigId = chip.Id, Accuracy = plan.Accuracy, Seconds = replayClock.Elapsed.TotalSeconds }, ct);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException or InvalidDataException or EventStoreException)
            {
                return await Fail(appendLock, run.Run, "replay", e.Message, ct);
            }
        }
        return null;
    }

    /// <summary>The study's chip: a preset, a TOML file or the V2.0 default, with the device file's [chip] keys on it.</summary>
    public static ReplayConfig Chip(StudyPlanned plan)
    {
        var chip = ChipSpec.Resolve(plan.Chip);
        if (plan.ChipSettings.Count == 0) return chip;
        return new ReplayConfig(chip.Name, HardwareConfigParser.Apply(chip.Config, plan.ChipSettings.Select(kv => (kv.Key, kv.Value, 0)), plan.DeviceFile));
    }

    private IReadOnlyList<string> RecordArguments(StudyRunPlanned run, bool resume, int threads)
    {
        var args = new List<string> { "record", "--quiet", "--threads", $"{threads}" };
        if (storeArgument is not null) args.AddRange(["--store", storeArgument]);
        if (plan.Data.Length > 0) args.AddRange(["--data", plan.Data]);
        if (resume) return [.. args, "--resume", run.Run];
        var point = plan.Points.Single(p => p.Index == run.Point);
        args.AddRange(["--run", run.Run, "--model", plan.Model, "--epochs", $"{plan.Epochs}", "--seed", $"{run.Seed}",
            "--tag", $"study={plan.Name}", "--tag", $"study_point={run.Point}"]);
        if (plan.MaxBatches > 0) args.AddRange(["--max-batches", $"{plan.MaxBatches}"]);
        if (plan.BatchSize > 0) args.AddRange(["--batch-size", $"{plan.BatchSize}"]);
        foreach (var s in StudyPlanner.Settings(plan, point)) args.AddRange(["--set", s]);
        return args;
    }

    private async Task<StudyRunFailed> Fail(SemaphoreSlim appendLock, string run, string stage, string reason, CancellationToken ct)
    {
        var f = new StudyRunFailed { Run = run, Stage = stage, Reason = reason };
        await Append(appendLock, f, ct);
        return f;
    }

    private async Task Append(SemaphoreSlim appendLock, Google.Protobuf.IMessage e, CancellationToken ct)
    {
        await appendLock.WaitAsync(ct);
        try { await StudyStore.Append(store, plan.Name, e, ct); }
        finally { appendLock.Release(); }
    }

    private Task Say(string line)
    {
        lock (output)
        {
            output.WriteLine(line);
            output.Flush();
        }
        return Task.CompletedTask;
    }
}
