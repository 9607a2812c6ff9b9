namespace NeuroSim.Replay.EventStore;

/// <summary>
/// What the writer believes about a stream before an append (EventStoreDB semantics):
/// <see cref="Exact"/> is the revision of the stream's last event <b>before</b> the append
/// (revisions count from 0), so the first append to a new stream uses <see cref="NoStream"/>
/// and the next one <c>Exact(0)</c> when the first batch held one event.
/// </summary>
public readonly record struct ExpectedVersion
{
    private const long AnyValue = -2, NoStreamValue = -1, StreamExistsValue = -4;

    private ExpectedVersion(long value) => Value = value;

    /// <summary>The raw value: a revision ≥ 0, or a negative sentinel.</summary>
    public long Value { get; }

    /// <summary>No check: append whatever the stream holds.</summary>
    public static ExpectedVersion Any { get; } = new(AnyValue);

    /// <summary>The stream must not exist yet.</summary>
    public static ExpectedVersion NoStream { get; } = new(NoStreamValue);

    /// <summary>The stream must exist (hold at least one event).</summary>
    public static ExpectedVersion StreamExists { get; } = new(StreamExistsValue);

    /// <summary>The stream's last event must have this revision.</summary>
    public static ExpectedVersion Exact(long revision) =>
        revision >= 0 ? new(revision) : throw new ArgumentOutOfRangeException(nameof(revision), revision, "An exact expected revision must be ≥ 0.");

    public bool IsExact => Value >= 0;

    /// <summary>True when a stream whose last revision is <paramref name="current"/> (-1: no stream) satisfies this expectation.</summary>
    public bool IsSatisfiedBy(long current) => Value switch
    {
        AnyValue => true,
        NoStreamValue => current < 0,
        StreamExistsValue => current >= 0,
        _ => current == Value,
    };

    public override string ToString() => Value switch
    {
        AnyValue => "Any",
        NoStreamValue => "NoStream",
        StreamExistsValue => "StreamExists",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
