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
/// <param name="recycler">Where decoded weights come from (null: a recycler of its own).</param>
public sealed class ReplayCache(int epochsKept = 2, ArrayRecycler? recycler = null)
{
    private readonly ConcurrentDictionary<(string Run, DateTimeOffset Created, string ConfigHash), Lazy<ChipDesign>> _designs = new();
    private readonly LinkedList<Entry> _epochs = new();
    private readonly object _gate = new();

    /// <summary>Where decoded weights come from, and go back to once their epoch is released.</summary>
    public ArrayRecycler Recycler { get; } = recycler ?? new();

    /// <summary>The chip of <paramref name="config"/> designed for the run's network (once per run and configuration).</summary>
    public ChipDesign Design(RunSummary run, ReplayConfig config, ValidatedHardwareConfig? validated = null) =>
        _designs.GetOrAdd((run.Name, run.Created, config.Hash), _ => new Lazy<ChipDesign>(() =>
            new ChipDesign(run.Network, validated ?? HardwareConfigValidator.Check(config.Config, run.WeightBits), run.WeightBits, run.ActivationBits))).Value;

    /// <summary>
    /// An epoch's decoded traces and the reads shared by its configurations, decoded once while kept. The lease keeps its
    /// arrays from being recycled: dispose it once nothing reads the epoch any more (an epoch's arrays go back to
    /// <see cref="Recycler"/> when it has left the cache and its last lease is disposed).
    /// </summary>
    public async Task<EpochLease> Epoch(IReadOnlyEventStore store, RunSummary run, int epoch, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            var node = _epochs.First;
            while (node is not null && !(node.Value.Run == run.Name && node.Value.Created == run.Created && node.Value.Epoch == epoch)) node = node.Next;
            if (node is not null) _epochs.Remove(node);
            else
            {
                node = new LinkedListNode<Entry>(new Entry(run.Name, run.Created, epoch, new Lazy<Task<CachedEpoch>>(async () =>
                    new CachedEpoch(await RunReader.ReadEpochTrace(store, run.Name, epoch, cancellationToken, Recycler).ConfigureAwait(false), new ArrayReads()))));
                while (_epochs.Count >= Math.Max(1, epochsKept)) Evict(_epochs.Last!);
            }
            _epochs.AddFirst(node);
            entry = node.Value;
            entry.Holds++;   // the lease's
        }
        try
        {
            return new EpochLease(await entry.Value.Value.ConfigureAwait(false), () => Release(entry));
        }
        catch
        {
            // A decoding that failed (or was cancelled) is not kept: the next call decodes again.
            lock (_gate)
            {
                var node = _epochs.Find(entry);
                if (node is not null) Evict(node);
            }
            Release(entry);
            throw;
        }
    }

    /// <summary>Takes an epoch out of the cache (its arrays are recycled once its leases are disposed). Under the gate.</summary>
    private void Evict(LinkedListNode<Entry> node)
    {
        _epochs.Remove(node);
        Release(node.Value);
    }

    /// <summary>Drops one hold on an epoch (the cache's or a lease's); the last one hands its arrays to the recycler.</summary>
    private void Release(Entry entry)
    {
        lock (_gate)
            if (--entry.Holds > 0) return;
        if (entry.Value.IsValueCreated && entry.Value.Value.IsCompletedSuccessfully) Recycler.ReturnWeights(entry.Value.Value.Result.Trace);
    }

    /// <summary>A cached epoch: its holds are the cache's (while it is in the list) and its leases'.</summary>
    private sealed class Entry(string run, DateTimeOffset created, int epoch, Lazy<Task<CachedEpoch>> value)
    {
        public string Run { get; } = run;
        public DateTimeOffset Created { get; } = created;
        public int Epoch { get; } = epoch;
        public Lazy<Task<CachedEpoch>> Value { get; } = value;
        public int Holds = 1;
    }
}

/// <summary>A hold on a decoded epoch of a <see cref="ReplayCache"/>: its arrays stay unrecycled until it is disposed.</summary>
public sealed class EpochLease(CachedEpoch data, Action release) : IDisposable
{
    private int _disposed;

    public CachedEpoch Data => _disposed == 0 ? data : throw new ObjectDisposedException(nameof(EpochLease), "The epoch was released.");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) release();
    }
}
