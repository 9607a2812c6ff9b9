using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Runs;

/// <summary>
/// Imports a V2.0 layer_record folder as one epoch of a run, in one atomic append: a new run gets
/// RunStarted first; an existing run must have the same network and precisions and not hold the epoch yet.
/// The NeuroSIM/main drop-in imports each call of the wrapper the same way, with the wrapper's own files beside it.
/// </summary>
public static class V2Importer
{
    public static Task<ImportResult> Import(IEventStore store, V2TraceFolder folder, string runName, int? epochOverride = null,
        CancellationToken cancellationToken = default)
    {
        var epoch = epochOverride ?? folder.Command.Epoch;
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epochOverride), epoch, "The epoch must be ≥ 0.");
        return Append(store, folder, runName, epoch, null, cancellationToken);
    }

    /// <summary>
    /// One call of the wrapper's <c>trace_command.sh</c> (the NeuroSIM/main drop-in): the epoch's traces, and the rows of the
    /// wrapper's own files the run does not hold yet (test evaluations, weight and update statistics; rows that reached the
    /// files late come with a later call), in one atomic append. A repeated call with the same traces appends no trace; other
    /// traces under an epoch the run holds are refused (a second training needs another run name).
    /// </summary>
    public static Task<ImportResult> ImportWrapperCall(IEventStore store, V2TraceFolder folder, V2WrapperFiles wrapper, string runName,
        CancellationToken cancellationToken = default) =>
        Append(store, folder, runName, folder.Command.Epoch, wrapper, cancellationToken);

    /// <summary>
    /// The rows of the wrapper's own files the run lacks, without traces: train.py flushes its last rows only when it ends,
    /// after the last call of NeuroSIM/main. Returns how many rows were imported (one atomic append).
    /// </summary>
    public static async Task<int> ImportWrapperRows(IEventStore store, V2WrapperFiles wrapper, string runName, CancellationToken cancellationToken = default)
    {
        var existing = await RunReader.ReadSummary(store, runName, cancellationToken).ConfigureAwait(false)
            ?? throw new RunNotFoundException($"Run '{runName}' not found in the store.");
        var rows = await WrapperEvents(store, runName, existing, wrapper, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0) return 0;
        await store.AppendToStream(StreamIds.Run(runName), ExpectedVersion.Exact(existing.LastRevision), rows, cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    private static async Task<ImportResult> Append(IEventStore store, V2TraceFolder folder, string runName, int epoch, V2WrapperFiles? wrapper,
        CancellationToken cancellationToken)
    {
        var stream = StreamIds.Run(runName);
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
            if (wrapper is null && existing.TracedEpochs.Contains(epoch))
                throw new InvalidOperationException($"Run '{runName}' already holds epoch {epoch}; pass --epoch N to import as another epoch.");
        }

        var traces = Encode(folder, epoch, cancellationToken);
        var held = false;
        if (wrapper is not null && existing is not null && existing.TracedEpochs.Contains(epoch))
        {
            var (_, storedTraces) = await RunReader.ReadEpochEvents(store, runName, epoch, cancellationToken).ConfigureAwait(false);
            if (!SameTraces(storedTraces, traces))
                throw new InvalidOperationException($"Run '{runName}' already holds another epoch {epoch} (other weights or inputs): is this a second training in the same folder? Record it under another run name.");
            held = true;
        }

        var events = new List<NewEvent>();
        var prefix = $"{stream}/epoch/{epoch}";
        if (existing is null) events.Add(Started(folder, runName, wrapper is null ? RunOrigin.ImportedV2 : RunOrigin.V2Wrapper, stream));
        long stored = 0;
        if (!held)
        {
            events.Add(EventSerializer.ToNewEvent(new EpochStarted { Epoch = epoch }, $"{prefix}/epoch_started"));
            var firstTrace = (info?.LastRevision ?? -1) + events.Count + 1;
            events.AddRange(traces.Select(t => EventSerializer.ToNewEvent(t, $"{prefix}/layer/{t.LayerIndex}/trace")));
            stored = traces.Sum(t => t.Weights.Data.Length + t.WeightsBeforeUpdate.Data.Length + t.Inputs.Sum(x => (long)x.Data.Length));
            events.Add(EventSerializer.ToNewEvent(new EpochTraced
            {
                Epoch = epoch,
                Layers = traces.Length,
                FirstTraceRevision = firstTrace,
                StoredBytes = stored,
                Source = Path.GetFullPath(folder.Directory),
            }, $"{prefix}/epoch_traced"));
        }
        var wrapperRows = 0;
        if (wrapper is not null)
        {
            var rows = await WrapperEvents(store, runName, existing, wrapper, cancellationToken).ConfigureAwait(false);
            events.AddRange(rows);
            wrapperRows = rows.Count;
        }
        if (events.Count == 0)
            return new ImportResult(runName, epoch, false, traces.Length, 0, SourceBytes(folder), -1, held, 0);

        var expected = info is null ? ExpectedVersion.NoStream : ExpectedVersion.Exact(info.LastRevision);
        var result = await store.AppendToStream(stream, expected, events, cancellationToken).ConfigureAwait(false);
        return new ImportResult(runName, epoch, existing is null, traces.Length, stored, SourceBytes(folder), result.Position, held, wrapperRows);
    }

    private static long SourceBytes(V2TraceFolder folder) => folder.Layers.Sum(l =>
        new[] { l.Files.WeightFile, l.Files.WeightOldFile, l.Files.InputFile }.Sum(f => new FileInfo(V2TraceFolder.Resolve(folder.Directory, f)).Length));

    private static LayerTraceRecorded[] Encode(V2TraceFolder folder, int epoch, CancellationToken cancellationToken)
    {
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
        return traces;
    }

    /// <summary>The same tensors and activities, layer by layer (the encoding is deterministic).</summary>
    private static bool SameTraces(IReadOnlyList<LayerTraceRecorded> stored, IReadOnlyList<LayerTraceRecorded> fresh) =>
        stored.Count == fresh.Count && stored.Zip(fresh).All(p =>
            p.First.Weights.Equals(p.Second.Weights) && p.First.WeightsBeforeUpdate.Equals(p.Second.WeightsBeforeUpdate) &&
            p.First.Inputs.SequenceEqual(p.Second.Inputs) && p.First.Activity.Equals(p.Second.Activity));

    private static NewEvent Started(V2TraceFolder folder, string runName, RunOrigin origin, StreamId stream)
    {
        var started = new RunStarted
        {
            RunId = runName,
            Name = runName,
            Origin = origin,
            Model = origin == RunOrigin.V2Wrapper ? "v2-wrapper" : "imported-v2",
            Precisions = new Precisions { WeightBits = folder.Command.WeightBits, ActivationBits = folder.Command.ActivationBits },
            Source = Path.GetFullPath(folder.Directory),
        };
        started.Network.AddRange(folder.Network.Layers.Select(l => l.ToContract()));
        started.SoftwareVersions.Add(SoftwareVersions.Current());
        return EventSerializer.ToNewEvent(started, $"{stream}/run_started");
    }

    /// <summary>
    /// The wrapper's rows the run does not hold yet: an evaluation per epoch of PythonWrapper_Output.csv (its last row of
    /// that epoch), the weight and update statistics per epoch of weight_dist.csv and delta_dist.csv (rows of both files).
    /// </summary>
    private static async Task<List<NewEvent>> WrapperEvents(IEventStore store, string runName, RunSummary? existing, V2WrapperFiles wrapper,
        CancellationToken cancellationToken)
    {
        var stream = StreamIds.Run(runName);
        var events = new List<NewEvent>();
        var evaluated = existing?.Evaluations.Select(e => e.Epoch).ToHashSet() ?? [];
        foreach (var row in wrapper.Evaluations.GroupBy(r => r.Epoch).Select(g => g.Last()).Where(r => !evaluated.Contains(r.Epoch)))
            events.Add(EventSerializer.ToNewEvent(new EpochEvaluated { Epoch = row.Epoch, TestLoss = row.TestLoss, TestAccuracy = row.TestAccuracy },
                $"{stream}/epoch/{row.Epoch}/wrapper_evaluated"));
        var recorded = new HashSet<int>();
        if (existing is not null)
            await foreach (var e in RunReader.ReadAll(store, stream, [EventTypeNames.WrapperStatisticsRecorded], cancellationToken).ConfigureAwait(false))
                if (EventSerializer.Deserialize(e) is WrapperStatisticsRecorded w) recorded.Add(w.Epoch);
        var deltas = wrapper.Deltas.ToDictionary(d => d.Epoch);
        foreach (var w in wrapper.Weights.Where(w => deltas.ContainsKey(w.Epoch) && !recorded.Contains(w.Epoch)))
        {
            var d = deltas[w.Epoch];
            var stats = new WrapperStatisticsRecorded { Epoch = w.Epoch };
            stats.WeightMean.AddRange(w.Means);
            stats.WeightStd.AddRange(w.Stds);
            stats.DeltaMean.AddRange(d.Means);
            stats.DeltaStd.AddRange(d.Stds);
            events.Add(EventSerializer.ToNewEvent(stats, $"{stream}/epoch/{w.Epoch}/wrapper_statistics"));
        }
        return events;
    }
}
