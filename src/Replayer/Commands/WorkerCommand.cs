using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Jobs;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>
/// <c>worker --store postgres://… [--jobs N]</c>: one process of a replay fleet (any number, on any machines). Claims jobs
/// with a lease, heartbeats, appends results to the replay streams; Ctrl+C or SIGTERM releases the jobs in hand and stops.
/// </summary>
public static class WorkerCommand
{
    public static Command Create(CommandIo io)
    {
        var jobs = new Option<int>("--jobs") { Description = "Jobs worked on at once (default: 1; each estimate already uses every core).", DefaultValueFactory = _ => 1 };
        var lease = new Option<int>("--lease-seconds") { Description = "How long a claimed job stays this worker's without a heartbeat (a killed worker's jobs go to others after it).", DefaultValueFactory = _ => 60 };
        var untilIdle = new Option<bool>("--until-idle") { Description = "Stop when nothing is queued or running (else wait for new jobs until stopped)." };
        var name = new Option<string?>("--name") { Description = "This worker's name in `jobs` (default: HOST:PID)." };
        var store = CommandIo.StoreOption();
        var cmd = new Command("worker", "Work on queued replay jobs (replay --submit) of a server store until stopped.") { jobs, lease, untilIdle, name, store };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            if (parse.GetValue(jobs) < 1) throw new ArgumentException("--jobs: must be at least 1");
            if (parse.GetValue(lease) < 3) throw new ArgumentException("--lease-seconds: must be at least 3");
            var address = CommandIo.Address(parse, store);
            var me = parse.GetValue(name) ?? $"{Environment.MachineName}:{Environment.ProcessId}";
            // SIGTERM (a service manager, kill) stops the worker as Ctrl+C does: jobs in hand are released, nothing is half-written.
            // Registered first, so that a stop while the store is still being opened is a clean stop too.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            });
            IAsyncDisposable? queueHandle = null, eventsHandle = null;
            try
            {
                var queue = await address.OpenJobQueue(stop.Token);
                queueHandle = queue;
                var events = await address.OpenForWriting(stop.Token);
                eventsHandle = events;
                return await Work(io, me, queue, events, parse.GetValue(jobs), parse.GetValue(untilIdle), TimeSpan.FromSeconds(parse.GetValue(lease)), address.ToString(), stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested && eventsHandle is null)
            {
                await io.Out.WriteLineAsync($"worker {me} stopped before it started: 0 done, 0 failed, 0 released, 0 lease(s) lost");
                return 0;
            }
            finally
            {
                if (eventsHandle is not null) await eventsHandle.DisposeAsync();
                if (queueHandle is not null) await queueHandle.DisposeAsync();
            }
        }));
        return cmd;
    }

    private static async Task<int> Work(CommandIo io, string me, IJobQueue queue, IEventStore events, int slots, bool untilIdle,
        TimeSpan lease, string address, CancellationToken stop)
    {
        await io.Out.WriteLineAsync($"worker {me}: {slots} slot(s) on {address}; Ctrl+C stops");
        var gate = new object();
        var summary = await new ReplayWorker(events, queue, me, lease)
            .Run(slots, untilIdle, e =>
            {
                lock (gate) io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.Worker}: {e.Job}: {e.What} ({e.Took.TotalSeconds:F1} s)"));
            }, stop);
        await io.Out.WriteLineAsync($"worker {me} stopped: {summary.Done} done, {summary.Failed} failed, {summary.Released} released, {summary.LeasesLost} lease(s) lost");
        return 0;
    }
}
