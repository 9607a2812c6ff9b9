using System.Collections.Concurrent;
using NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;
using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.ChipModel.Circuit.Trace;

/// <summary>
/// The configuration-invariant work of one epoch's estimates under several chips, done once and shared: the
/// transposed inputs of each layer, and for every subarray window the chips read, the column
/// currents of each input vector (they depend on the trace and the array: cell, subarray size, mapping, read mode,
/// wires) and each distinct sense amp's conversion of them. What differs between the chips (periphery, technology,
/// buffers, clock, DRAM, ADC settings) is then computed per chip from these, with the same numbers as alone.
/// </summary>
/// <remarks>
/// Use: every chip design records the windows it will read (<c>ChipDesign.PlanReads</c>), <see cref="Compute"/> reads
/// what is not read yet (in parallel, each window once), then each design's estimate takes its reads from here. A window
/// no plan recorded is computed where it is needed. Plans may come later (a worker's next job on the same epoch): the next
/// <see cref="Compute"/> adds what they need. An explicit object owned by the caller (one per epoch); thread-safe; nothing static.
/// </remarks>
public sealed class ArrayReads
{
    private readonly ConcurrentDictionary<ReadWindow, Entry> _windows = new();
    private readonly ConcurrentDictionary<LayerTrace, Lazy<ulong[]>> _inputBits = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<(ReadWindow, WriteUpdateKey), Lazy<object>> _writes = new();

    /// <summary>Distinct windows recorded.</summary>
    public int Windows => _windows.Count;

    /// <summary>Bytes held by the computed reads and input bits.</summary>
    public long Bytes =>
        _windows.Values.Sum(e => e.Result?.Bytes ?? 0)
        + _inputBits.Values.Where(l => l.IsValueCreated).Sum(l => 8L * l.Value.Length);

    /// <summary>A layer's input bits by vector, transposed once.</summary>
    public ulong[] InputBitsOf(LayerTrace layer, Func<ulong[]> transpose) => _inputBits.GetOrAdd(layer, _ => new Lazy<ulong[]>(transpose)).Value;

    /// <summary>Records a window a chip will read and the sense amps it converts with.</summary>
    internal void Register(ReadWindow window, LayerData layer, MultilevelSenseAmp forward, MultilevelSenseAmp? backward)
    {
        var entry = _windows.GetOrAdd(window, w => new Entry(w, layer));
        lock (entry)
        {
            foreach (var amp in new[] { forward, backward })
                if (amp is not null && entry.Amps.All(a => a.Identity != amp.Identity)) entry.Amps.Add(amp);
        }
    }

    /// <summary>
    /// Reads every recorded window not read yet with all its recorded sense amps, <paramref name="parallelism"/> windows at
    /// a time (largest first).
    /// </summary>
    public void Compute(int parallelism, CancellationToken cancellationToken = default, EstimateTimings? timings = null)
    {
        var todo = _windows.Values.Where(e => !e.Complete).OrderByDescending(e => (long)e.Key.NumVectors * e.Key.Window.RowCount * e.Key.Window.ColCount).ToArray();
        Parallel.ForEach(todo, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken }, e =>
        {
            MultilevelSenseAmp[] amps;
            lock (e) amps = [.. e.Amps];
            var result = WindowReads.Compute(e.Layer, e.Key.Window, e.Key.Read, e.Key.NumVectors, amps, timings);
            lock (e)
                if (e.Result is null || e.Result.Identities < result.Identities) e.Result = result;
        });
    }

    /// <summary>The computed reads of a window, if they were computed with both sense amps' identities.</summary>
    internal WindowReads? Find(ReadWindow window, AdcIdentity forward, AdcIdentity? backward)
    {
        if (!_windows.TryGetValue(window, out var entry) || entry.Result is not { } result) return null;
        return result.IndexOf(forward) >= 0 && (backward is not { } b || result.IndexOf(b) >= 0) ? result : null;
    }

    /// <summary>
    /// A subarray window's weight-update activity for chips of one <see cref="WriteUpdateKey"/>, counted once. Kept as an
    /// object: the activity's type belongs to the subarray level above this one, which alone builds and reads it.
    /// </summary>
    internal T WriteActivityOf<T>(ReadWindow window, WriteUpdateKey key, Func<T> count) where T : struct =>
        (T)_writes.GetOrAdd((window, key), _ => new Lazy<object>(() => count())).Value;

    private sealed class Entry(ReadWindow key, LayerData layer)
    {
        public ReadWindow Key { get; } = key;
        public LayerData Layer { get; } = layer;
        public List<MultilevelSenseAmp> Amps { get; } = [];
        public volatile WindowReads? Result;
        public bool Complete { get { lock (this) return Result is { } r && r.Identities == Amps.Count; } }
    }
}
