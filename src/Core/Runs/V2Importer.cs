using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Runs;

/// <summary>
/// Imports a V2.0 layer_record folder as one epoch of a run, in one atomic append: a new run gets
/// RunStarted first; an existing run must have the same network and precisions and not hold the epoch yet.
/// </summary>
public static class V2Importer
{
    public static async Task<ImportResult> Import(IEventStore store, V2TraceFolder folder, string runName, int? epochOverride = null,
        CancellationToken cancellationToken = default)
    {
        var stream = StreamIds.Run(runName);
        var epoch = epochOverride ?? folder.Command.Epoch;
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epochOverride), epoch, "The epoch must be ≥ 0.");
        var existing = await RunReader.ReadSummary(store, runName, cancellationToken).ConfigureAwait(false);
        var info = await store.GetStreamInfo(stream, cancellationToken).ConfigureAwait(false);
        if (existing is null && info is not null)
            throw new InvalidOperationException($"Stream '{stream}' exists but has no RunStarted event; it is not a run.");
        if (existing is not null)
        {
            if (!existing.Network.SameShapeAs(folder.Network))
                throw new InvalidOperationException($"Run '{runName}' has another network ({existing.Network.Layers.Length} layers) than {folder.Directory}; import into a new run (--run NAME).");
            if (existing.WeightBits != folder.Command.WeightBits || existing.ActivationBits != folder.Command.ActivationBits)
                throw new InvalidOperationException($"Run '{runName}' has precisions W{existing.WeightBits}/A{existing.ActivationBits}, {folder.Directory} has W{folder.Command.WeightBits}/A{folder.Command.ActivationBits}.");
            if (existing.TracedEpochs.Contains(epoch))
                throw new InvalidOperationException($"Run '{runName}' already holds epoch {epoch}; pass --epoch N to import as another epoch.");
        }

        var traces = new LayerTraceRecorded[folder.Layers.Length];
        Parallel.For(0, traces.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var l = folder.Layers[i];
            var (w, old) = TraceEncoder.EncodeWithResidual(l.Weights, l.WeightsBeforeUpdate, "weights");
            var t = new LayerTraceRecorded
            {
                Epoch = epoch,
                LayerIndex = i,
                LayerName = l.Layer.Name,
                Weights = w,
                WeightsBeforeUpdate = old,
                Activity = l.Activity,
                WeightsFile = l.Files.WeightFile,
                WeightsBeforeUpdateFile = l.Files.WeightOldFile,
                InputFile = l.Files.InputFile,
            };
            t.Inputs.Add(TraceEncoder.EncodeBits(l.Input));
            traces[i] = t;
        });

        var events = new List<NewEvent>();
        var prefix = $"{stream}/epoch/{epoch}";
        if (existing is null)
        {
            var started = new RunStarted
            {
                RunId = runName,
                Name = runName,
                Origin = RunOrigin.ImportedV2,
                Model = "imported-v2",
                Precisions = new Precisions { WeightBits = folder.Command.WeightBits, ActivationBits = folder.Command.ActivationBits },
                Source = Path.GetFullPath(folder.Directory),
            };
            started.Network.AddRange(folder.Network.Layers.Select(l => l.ToContract()));
            started.SoftwareVersions.Add(SoftwareVersions.Current());
            events.Add(EventSerializer.ToNewEvent(started, $"{stream}/run_started"));
        }
        events.Add(EventSerializer.ToNewEvent(new EpochStarted { Epoch = epoch }, $"{prefix}/epoch_started"));
        var firstTrace = (info?.LastRevision ?? -1) + events.Count + 1;
        events.AddRange(traces.Select(t => EventSerializer.ToNewEvent(t, $"{prefix}/layer/{t.LayerIndex}/trace")));
        var stored = traces.Sum(t => t.Weights.Data.Length + t.WeightsBeforeUpdate.Data.Length + t.Inputs.Sum(x => (long)x.Data.Length));
        events.Add(EventSerializer.ToNewEvent(new EpochTraced
        {
            Epoch = epoch,
            Layers = traces.Length,
            FirstTraceRevision = firstTrace,
            StoredBytes = stored,
            Source = Path.GetFullPath(folder.Directory),
        }, $"{prefix}/epoch_traced"));

        var expected = info is null ? ExpectedVersion.NoStream : ExpectedVersion.Exact(info.LastRevision);
        var result = await store.AppendToStream(stream, expected, events, cancellationToken).ConfigureAwait(false);
        var sourceBytes = folder.Layers.Sum(l =>
            new[] { l.Files.WeightFile, l.Files.WeightOldFile, l.Files.InputFile }.Sum(f => new FileInfo(V2TraceFolder.Resolve(folder.Directory, f)).Length));
        return new ImportResult(runName, epoch, existing is null, traces.Length, stored, sourceBytes, result.Position);
    }
}
