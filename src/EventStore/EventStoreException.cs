namespace NeuroSim.Replay.EventStore;

/// <summary>The store cannot be opened or used (missing file, corrupt database, unknown address, newer format).</summary>
public sealed class EventStoreException(string message, Exception? inner = null) : Exception(message, inner);
