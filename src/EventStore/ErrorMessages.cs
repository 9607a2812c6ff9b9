namespace NeuroSim.Replay.EventStore;

/// <summary>The text of the store's errors, in one place (tests compare against these functions).</summary>
public static class ErrorMessages
{
    public static string WrongExpectedVersion(StreamId streamId, ExpectedVersion expected, long actual) =>
        $"Append to stream '{streamId}' failed: expected version {expected}, but the stream's last revision is " +
        (actual < 0 ? "none (the stream does not exist)." : $"{actual}.");

    public static string IdempotencyConflict(StreamId streamId, Guid eventId, string detail) =>
        $"Append to stream '{streamId}' conflicts with stored event {eventId}: {detail}.";

    public static string UnknownScheme(string address) =>
        $"Unknown store address '{address}': use file:PATH (embedded SQLite, e.g. file:./neurosim.db) or " +
        "postgres://USER[:PASSWORD]@HOST:PORT/DATABASE (a PostgreSQL server).";

    public static string StoreFormatTooNew(string store, int found, int supported) =>
        $"Store '{store}' has format version {found}; this build reads up to {supported}. It was left as it is: update NeuroSim.Replay to use it.";

    public static string StoreDamaged(string store, string detail) =>
        $"Store '{store}' is damaged: {detail.TrimEnd('.')}. Nothing was written; run ./neurosim check-store --store {store} for the details, " +
        "and restore the file from a copy.";

    public static string EventDamaged(StreamId stream, string detail) =>
        $"An event of stream '{stream}' is damaged in the store: {detail.TrimEnd('.')}. Nothing was written; run ./neurosim check-store for the details.";
}
