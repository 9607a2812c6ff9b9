using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace NeuroSim.Replay.ChipModel.Traces;

/// <summary>
/// Large arrays handed from one epoch's decode to the next's: a full VGG-8 epoch needs some 0.3 GB of them (weights after
/// and before the update, and the decode's scratch), of the same shapes every epoch, and fresh ones each cost page faults and the kernel's zeroing (issue #17).
/// Arrays are kept by element type and exact length; a rented array holds whatever its last user left (every renter
/// writes all of it). Only what nobody reads any more may be returned (<see cref="Return{T}"/>): the owner of an
/// epoch's arrays returns them when its last user is done. An explicit object owned by the caller; thread-safe.
/// </summary>
/// <param name="maxBytesHeld">Bytes kept waiting for a renter at most; beyond them a returned array is left to the GC.</param>
/// <param name="minBytes">Arrays smaller than this are neither kept nor handed out again (the GC serves small arrays well).</param>
public sealed class ArrayRecycler(long maxBytesHeld = 1L << 30, int minBytes = 1 << 16)
{
    private readonly ConcurrentDictionary<(Type Element, int Length), ConcurrentStack<Array>> _free = new();
    private readonly ConcurrentDictionary<Array, byte> _waiting = new(ReferenceEqualityComparer.Instance);   // what _free holds, by reference
    private long _held;

    /// <summary>Bytes held for renters now.</summary>
    public long BytesHeld => Interlocked.Read(ref _held);

    /// <summary>Arrays handed out again (for tests and the benchmark).</summary>
    public long Reused => Interlocked.Read(ref _reused);
    private long _reused;

    /// <summary>Whether <paramref name="array"/> waits for a renter (was returned and not handed out again).</summary>
    public bool Holds(Array array) => _waiting.ContainsKey(array);

    /// <summary>An array of exactly <paramref name="length"/> elements, recycled when one is free; its contents are undefined.</summary>
    public T[] Rent<T>(int length) where T : unmanaged
    {
        if (Bytes<T>(length) >= minBytes && _free.TryGetValue((typeof(T), length), out var stack) && stack.TryPop(out var array))
        {
            _waiting.TryRemove(array, out _);
            Interlocked.Add(ref _held, -Bytes<T>(length));
            Interlocked.Increment(ref _reused);
            return (T[])array;
        }
        return GC.AllocateUninitializedArray<T>(length);
    }

    /// <summary>
    /// Hands an array back for the next renter. The caller guarantees nothing reads or writes it any more; an array
    /// returned twice would be handed to two renters, so that is refused.
    /// </summary>
    public void Return<T>(T[]? array) where T : unmanaged
    {
        if (array is null) return;
        var bytes = Bytes<T>(array.Length);
        if (bytes < minBytes) return;
        if (!_waiting.TryAdd(array, 0)) throw new InvalidOperationException("An array was returned to the recycler twice.");
        if (Interlocked.Add(ref _held, bytes) > maxBytesHeld)
        {
            Interlocked.Add(ref _held, -bytes);
            _waiting.TryRemove(array, out _);
            return;
        }
        _free.GetOrAdd((typeof(T), array.Length), _ => new ConcurrentStack<Array>()).Push(array);
    }

    /// <summary>Hands back a decoded epoch's weights (after and before the update; an array two layers share, once).</summary>
    public void ReturnWeights(EpochTrace trace)
    {
        var arrays = new HashSet<double[]>(ReferenceEqualityComparer.Instance);
        foreach (var layer in trace.Layers)
        {
            arrays.Add(layer.Weights);
            arrays.Add(layer.WeightsBeforeUpdate);
        }
        foreach (var a in arrays) Return(a);
    }

    private static long Bytes<T>(int length) where T : unmanaged => (long)length * Unsafe.SizeOf<T>();
}

/// <summary>Renting from an optional recycler: a fresh array where there is none.</summary>
public static class ArrayRecyclerExtensions
{
    public static T[] RentOrAllocate<T>(this ArrayRecycler? recycler, int length) where T : unmanaged =>
        recycler is null ? GC.AllocateUninitializedArray<T>(length) : recycler.Rent<T>(length);
}
