namespace NeuroSim.Replay.EventStore;

/// <summary>A page of all events in global order. <see cref="NextPosition"/> is where the next page starts.</summary>
public sealed record ReadAllPage(
    long FromPosition,
    long NextPosition,
    bool IsEnd,
    IReadOnlyList<RecordedEvent> Events)
{
    internal Func<long, CancellationToken, Task<ReadAllPage>>? Next { get; init; }

    public Task<ReadAllPage> ReadNext(CancellationToken cancellationToken = default) =>
        Next is null
            ? Task.FromResult(this with { Events = Array.Empty<RecordedEvent>(), IsEnd = true })
            : Next(NextPosition, cancellationToken);
}
