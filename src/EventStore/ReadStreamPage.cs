namespace NeuroSim.Replay.EventStore;

/// <summary>
/// A page of a stream read. <see cref="ReadNext"/> continues in the same direction from
/// <see cref="NextRevision"/>; when <see cref="IsEnd"/> is true the next page is empty.
/// </summary>
public sealed record ReadStreamPage(
    StreamId StreamId,
    ReadStatus Status,
    ReadDirection Direction,
    long FromRevision,
    long NextRevision,
    long LastRevision,
    bool IsEnd,
    IReadOnlyList<RecordedEvent> Events)
{
    internal Func<long, CancellationToken, Task<ReadStreamPage>>? Next { get; init; }

    /// <summary>Reads the page after this one.</summary>
    public Task<ReadStreamPage> ReadNext(CancellationToken cancellationToken = default) =>
        Next is null
            ? Task.FromResult(this with { Events = Array.Empty<RecordedEvent>(), IsEnd = true })
            : Next(NextRevision, cancellationToken);
}
