using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Tests.Store;

public abstract partial class EventStoreAcceptanceTests
{
    [Fact, Trait("Category", "DeleteStream")]
    public async Task When_a_stream_is_deleted_then_it_reads_as_missing_is_not_listed_and_a_tombstone_is_in_all()
    {
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("a", 3), Ct);
        await Store.AppendToStream(S2, ExpectedVersion.NoStream, Events("b", 1), Ct);
        var tombstone = await Store.DeleteStream(S1, ExpectedVersion.Exact(2), Ct);
        Assert.Equal(3, tombstone!.Value.CurrentRevision);
        Assert.Equal(ReadStatus.StreamNotFound, (await Store.ReadStreamForwards(S1, 0, 10, cancellationToken: Ct)).Status);
        Assert.Equal(ReadStatus.StreamNotFound, (await Store.ReadStreamBackwards(S1, -1, 10, cancellationToken: Ct)).Status);
        Assert.Null(await Store.GetStreamInfo(S1, Ct));
        Assert.Equal([S2], (await Store.ListStreams("stream-", Ct)).Select(s => s.StreamId));
        var all = await Store.ReadAllForwards(0, 100, cancellationToken: Ct);
        Assert.Equal(["test_event", StreamTombstone.Type], all.Events.Select(e => e.Type));   // the deleted events are gone
        Assert.Equal(S1, all.Events[1].StreamId);
        // Deleting again is a no-op; a wrong expected version is refused.
        Assert.Null(await Store.DeleteStream(S1, ExpectedVersion.Any, Ct));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.DeleteStream(S2, ExpectedVersion.Exact(5), Ct));
        Assert.NotNull(await Store.GetStreamInfo(S2, Ct));
    }

    [Fact, Trait("Category", "DeleteStream")]
    public async Task When_a_deleted_stream_is_started_again_then_the_same_ids_are_new_events_after_the_tombstone()
    {
        var batch = Events("a", 2);
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, batch, Ct);
        await Store.DeleteStream(S1, ExpectedVersion.Any, Ct);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendToStream(S1, ExpectedVersion.StreamExists, batch, Ct));
        var again = await Store.AppendToStream(S1, ExpectedVersion.NoStream, batch, Ct);
        Assert.Equal(4, again.CurrentRevision);   // revisions continue after the tombstone (2): 3, 4
        Assert.Equal(again, await Store.AppendToStream(S1, ExpectedVersion.NoStream, batch, Ct));   // an idempotent retry
        var page = await Store.ReadStreamForwards(S1, 0, 10, cancellationToken: Ct);
        Assert.Equal(ReadStatus.Success, page.Status);
        Assert.Equal([3L, 4L], page.Events.Select(e => e.Revision));
        Assert.Equal(4, (await Store.GetStreamInfo(S1, Ct))!.LastRevision);
        await Store.AppendToStream(S1, ExpectedVersion.Exact(4), Events("b", 1), Ct);
    }
}
