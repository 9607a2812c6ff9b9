using System.Collections.Concurrent;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Circuit.Trace;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>
/// What replays of one store can keep between pairs: chip designs by configuration (a design depends only on the run's
/// network and precisions and the configuration) and the last decoded epochs with their shared array reads
/// (<see cref="ArrayReads"/>), so that the next configuration of an epoch pays only for what it does not share. A worker
/// keeps one for all the jobs it claims; a local replay makes one per call. Runs are told apart by name and creation
/// time (a run deleted and recorded again under its name is another run). Thread-safe; an explicit object, nothing static.
/// </summary>
/// <param name="epochsKept">Decoded epochs kept (least recently used dropped first); each holds its traces (about 0.25 GB
/// for a full VGG-8 epoch) and the reads shared so far.</param>
public sealed class ReplayCache(int epochsKept = 2)
{
    private readonly ConcurrentDictionary<(string Run, DateTimeOffset Created, string ConfigHash), Lazy<ChipDesign>> _designs = new();
    private readonly LinkedList<(string Run, DateTimeOffset Created, int Epoch, Lazy<Task<CachedEpoch>> Value)> _epochs = new();
    private readonly object _gate = new();

    /// <summary>The chip of <paramref name="config"/> designed for the run's network (once per run and configuration).</summary>
    public ChipDesign Design(RunSummary run, ReplayConfig config, ValidatedHardwareConfig? validated = null) =>
        _designs.GetOrAdd((run.Name, run.Created, config.Hash), _ => new Lazy<ChipDesign>(() =>
            new ChipDesign(run.Network, validated ?? HardwareConfigValidator.Check(config.Config, run.WeightBits), run.WeightBits, run.ActivationBits))).Value;

    /// <summary>An epoch's decoded traces and the reads shared by its configurations, decoded once while kept.</summary>
    public Task<CachedEpoch> Epoch(IReadOnlyEventStore store, RunSummary run, int epoch, CancellationToken cancellationToken)
    {
        Lazy<Task<CachedEpoch>> entry;
        lock (_gate)
        {
            var node = _epochs.First;
            while (node is not null && !(node.Value.Run == run.Name && node.Value.Created == run.Created && node.Value.Epoch == epoch)) node = node.Next;
            if (node is not null) _epochs.Remove(node);
            else
            {
                node = new LinkedListNode<(string, DateTimeOffset, int, Lazy<Task<CachedEpoch>>)>((run.Name, run.Created, epoch,
                    new Lazy<Task<CachedEpoch>>(async () => new CachedEpoch(await RunReader.ReadEpochTrace(store, run.Name, epoch, cancellationToken).ConfigureAwait(false), new ArrayReads()))));
                while (_epochs.Count >= Math.Max(1, epochsKept)) _epochs.RemoveLast();
            }
            _epochs.AddFirst(node);
            entry = node.Value.Value;
        }
        return Awaited(entry, run, epoch);
    }

    /// <summary>A decoding that failed (or was cancelled) is not kept: the next call decodes again.</summary>
    private async Task<CachedEpoch> Awaited(Lazy<Task<CachedEpoch>> entry, RunSummary run, int epoch)
    {
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                var node = _epochs.First;
                while (node is not null && !ReferenceEquals(node.Value.Value, entry)) node = node.Next;
                if (node is not null) _epochs.Remove(node);
            }
            throw;
        }
    }
}
