namespace NeuroSim.Replay.EventStore;

/// <summary>An append's expected version did not match the stream.</summary>
public sealed class WrongExpectedVersionException(StreamId streamId, ExpectedVersion expected, long actualRevision)
    : Exception(ErrorMessages.WrongExpectedVersion(streamId, expected, actualRevision))
{
    public StreamId StreamId { get; } = streamId;
    public ExpectedVersion Expected { get; } = expected;
    /// <summary>The stream's last revision when the append was tried (-1: no stream).</summary>
    public long ActualRevision { get; } = actualRevision;
}
