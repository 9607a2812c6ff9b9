using System.Diagnostics;
using System.Globalization;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Recorder.Data;
using NeuroSim.Replay.Recorder.Device;
using NeuroSim.Replay.Recorder.Model;
using NeuroSim.Replay.Recorder.Recording;
using NeuroSim.Replay.Recorder.Training;
using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Bench;

/// <summary>
/// What recording costs: the same training (same seed, same batches) with recording off and on (into a fresh SQLite
/// store), seconds per epoch, the overhead, the store's bytes per epoch; then the VGG-8 batch profile (<see cref="Vgg8Profile"/>).
/// </summary>
public static class RecordingBench
{
    public static async Task Run(NetworkDescription model, DataSet data, TrainingSettings settings, int vggBatches, TextWriter o, CancellationToken ct, int repeats = 3)
    {
        if (repeats < 1) throw new ArgumentException($"--repeats: {repeats} must be at least 1");
        string F(double v, string f = "F3") => v.ToString(f, CultureInfo.InvariantCulture);
        await o.WriteLineAsync($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, .NET {Environment.Version}, torch threads {get_num_threads()}");
        await o.WriteLineAsync($"model {model.Name} on {data.Name}: {data.TrainCount} train / {data.TestCount} test images, batch {settings.BatchSize}, {settings.Epochs} epochs each way");
        var device = DeviceModel.V2Default;
        // Warm-up (JIT, allocator, threads), then off and on alternately (order swapped every repeat) so drift hits
        // both alike; per epoch the fastest of the repeats counts.
        await new Trainer(model, data, settings with { Epochs = 1, MaxBatches = 5 }, device).Run("bench-warmup", new DiscardingSink(), null, ct);
        var offRuns = new List<TrainingResult>();
        double offWall = double.MaxValue, onWall = double.MaxValue;
        var captureRuns = new List<TrainingResult>();
        var onRuns = new List<TrainingResult>();
        long bytes = 0, storeBytes = 0, checkpointBytes = 0;
        var writerBusy = new List<double>();
        async Task RunOff()
        {
            var wall = Stopwatch.StartNew();
            offRuns.Add(await new Trainer(model, data, settings, device).Run("bench-off", new DiscardingSink(), null, ct));
            offWall = Math.Min(offWall, wall.Elapsed.TotalSeconds);
        }
        async Task RunOn(int r)
        {
            var dir = Path.Combine(Path.GetTempPath(), $"neurosim-bench-{Environment.ProcessId}-{r}");
            Directory.CreateDirectory(dir);
            try
            {
                var address = StoreAddress.Parse("file:" + Path.Combine(dir, "bench.db"));
                var store = await address.OpenOrCreateForWriting(ct);
                await using (store as IAsyncDisposable)
                {
                    var sink = new StoreRunSink(store, "bench-on");
                    var wallOn = Stopwatch.StartNew();
                    onRuns.Add(await new Trainer(model, data, settings, device).Run("bench-on", sink, null, ct, CheckpointFiles.Beside(address, "bench-on")));
                    onWall = Math.Min(onWall, wallOn.Elapsed.TotalSeconds);
                    bytes = sink.BytesWritten;
                    await sink.Flush();
                    writerBusy.Add(sink.WriterBusy.TotalSeconds);
                }
                storeBytes = Directory.GetFiles(dir, "bench.db*").Where(File.Exists).Sum(f => new FileInfo(f).Length);
                checkpointBytes = Directory.GetFiles(Path.Combine(dir, "bench.db.checkpoints"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
        for (var r = 0; r < repeats; r++)
        {
            // Off first in even repeats, on first in odd ones: whatever the order costs (a run after another's
            // writer, garbage or page cache) falls on both sides alike.
            if (r % 2 == 0) await RunOff(); else await RunOn(r);
            captureRuns.Add(await new Trainer(model, data, settings, device).Run("bench-capture", new DiscardingSink(keepEvents: true), null, ct));
            if (r % 2 == 0) await RunOn(r); else await RunOff();
        }
        double[] Best(List<TrainingResult> runs) =>
            Enumerable.Range(0, settings.Epochs).Select(e => runs.Min(r => r.Evaluations[e].Seconds)).ToArray();
        var off = Best(offRuns);
        var on = Best(onRuns);
        // Each run's first epoch still warms caches; the steady state is what an epoch costs.
        var steady = settings.Epochs > 1 ? 1 : 0;
        var (a, b) = (off.Skip(steady).Average(), on.Skip(steady).Average());
        await o.WriteLineAsync($"seconds per epoch (best of {repeats}, after a warm-up): epochs {steady + 1}-{settings.Epochs}: recording off {F(a)}, on {F(b)} -> overhead {F(100 * (b - a) / a, "F1")} % (target <= 5 %)");
        await o.WriteLineAsync($"whole runs ({settings.Epochs} epochs, every write finished): off {F(offWall, "F2")} s, on {F(onWall, "F2")} s -> {F(100 * (onWall - offWall) / offWall, "F1")} %");
        var c = Best(captureRuns).Skip(steady).Average();
        await o.WriteLineAsync($"of which capturing events without storing them (statistics, traces, device states): {F(c)} s per epoch ({F(100 * (c - a) / a, "F1")} %)");
        await o.WriteLineAsync($"per epoch (off / on): {string.Join(", ", off.Zip(on, (x, y) => $"{F(x, "F2")}/{F(y, "F2")}"))}");
        // Paired: each on-epoch against the off-epoch of the same index in the same repeat (seconds apart, the order
        // swapped every repeat), so slow spells of the machine that last longer than a run hit both sides of a pair.
        var ratios = Enumerable.Range(0, repeats).SelectMany(r => Enumerable.Range(steady, settings.Epochs - steady)
            .Select(e => onRuns[r].Evaluations[e].Seconds / offRuns[r].Evaluations[e].Seconds - 1)).Order().ToList();
        double Quantile(double q) => ratios[(int)Math.Round(q * (ratios.Count - 1))];
        await o.WriteLineAsync($"paired epochs (on / off - 1, {ratios.Count} pairs): median {F(100 * Quantile(0.5), "F1")} %, quartiles {F(100 * Quantile(0.25), "F1")} % .. {F(100 * Quantile(0.75), "F1")} %");
        // Measured directly, so not drowned in run-to-run noise: what the training thread spends capturing, and how
        // long the background writer is busy (on 2 cores it competes with training for CPU; an upper bound).
        // Against the fastest epoch seen (either way): the conservative denominator on a machine this noisy.
        var epochSeconds = offRuns.Concat(onRuns).SelectMany(r => r.Evaluations).Min(e => e.Seconds);
        var captureOnThread = onRuns.Min(r => r.CaptureSeconds) / settings.Epochs;
        var writer = writerBusy.Min() / settings.Epochs;
        await o.WriteLineAsync($"measured directly, per epoch (against the fastest epoch, {F(epochSeconds)} s): capture on the training thread {F(captureOnThread)} s ({F(100 * captureOnThread / epochSeconds, "F1")} %), " +
            $"background writer busy {F(writer)} s ({F(100 * writer / epochSeconds, "F1")} %) -> at most {F(100 * (captureOnThread + writer) / epochSeconds, "F1")} % (target <= 5 %)");
        await o.WriteLineAsync($"store: {F(bytes / 1e6 / settings.Epochs, "F2")} MB of events per epoch ({F(storeBytes / 1e6, "F1")} MB database files), " +
            $"checkpoint {F(checkpointBytes / 1e6 / Math.Min(2, settings.Epochs), "F1")} MB (two kept)");
        await o.WriteLineAsync($"accuracy identical with recording on and off: {offRuns[0].Evaluations.Select(e => e.TestAccuracy).SequenceEqual(onRuns[0].Evaluations.Select(e => e.TestAccuracy))}");
        if (vggBatches > 0) await Vgg8Profile.Run(vggBatches, settings, o, ct);
    }
}
