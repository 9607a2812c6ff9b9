namespace NeuroSim.Replay.EventStore;

/// <summary>
/// The store's file or a stored event is damaged (SQLite's check fails, a page cannot be read, a payload fails its
/// checksum). Every command stops on it before writing; <c>./neurosim check-store</c> lists what is damaged.
/// </summary>
public sealed class StoreDamagedException : Exception
{
    /// <summary>The store file named by <paramref name="store"/> is damaged.</summary>
    public StoreDamagedException(string store, string detail, Exception? inner = null)
        : base(ErrorMessages.StoreDamaged(store, detail), inner) { }

    /// <summary>A stored event's payload is damaged (the store's file itself may be sound).</summary>
    public StoreDamagedException(StreamId stream, string detail, Exception? inner = null)
        : base(ErrorMessages.EventDamaged(stream, detail), inner) { }
}
