using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Tests.Store;

public abstract partial class EventStoreAcceptanceTests
{
    [Fact, Trait("Category", "Idempotency")]
    public async Task When_the_same_append_is_retried_then_it_is_a_no_op_returning_the_original_result()
    {
        var batch = Events("a", 3);
        var first = await Store.AppendToStream(S1, ExpectedVersion.NoStream, batch, Ct);
        var again = await Store.AppendToStream(S1, ExpectedVersion.NoStream, batch, Ct);
        Assert.Equal(first, again);
        var next = await Store.AppendToStream(S1, ExpectedVersion.Exact(2), Events("b", 2), Ct);
        var retryOfFirstWithAny = await Store.AppendToStream(S1, ExpectedVersion.Any, batch, Ct);
        Assert.Equal(first, retryOfFirstWithAny);
        var retryOfNext = await Store.AppendToStream(S1, ExpectedVersion.Exact(2), Events("b", 2), Ct);
        Assert.Equal(next, retryOfNext);
        Assert.Equal(4, (await Store.GetStreamInfo(S1, Ct))!.LastRevision);
    }

    [Fact, Trait("Category", "Idempotency")]
    public async Task When_a_retry_repeats_only_part_of_a_batch_then_it_conflicts()
    {
        var batch = Events("a", 3);
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, batch, Ct);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            Store.AppendToStream(S1, ExpectedVersion.Any, [batch[0], batch[1], Event("new")], Ct));
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            Store.AppendToStream(S1, ExpectedVersion.Any, [Event("new"), batch[1]], Ct));
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            Store.AppendToStream(S1, ExpectedVersion.Any, [batch[1], batch[0]], Ct));
        Assert.Equal(2, (await Store.GetStreamInfo(S1, Ct))!.LastRevision);
    }

    [Fact, Trait("Category", "Idempotency")]
    public async Task When_a_retry_names_another_place_in_the_stream_then_it_conflicts()
    {
        var batch = Events("a", 2);
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, batch, Ct);
        await Store.AppendToStream(S1, ExpectedVersion.Exact(1), Events("b", 1), Ct);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            Store.AppendToStream(S1, ExpectedVersion.Exact(2), batch, Ct));
    }

    [Fact, Trait("Category", "Idempotency")]
    public async Task When_the_same_ids_go_to_another_stream_then_they_are_new_events_there()
    {
        var batch = Events("a", 2);
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, batch, Ct);
        var r = await Store.AppendToStream(S2, ExpectedVersion.NoStream, batch, Ct);
        Assert.Equal(1, r.CurrentRevision);
    }

    [Fact, Trait("Category", "Idempotency")]
    public async Task When_a_retry_carries_other_content_under_the_same_ids_then_it_conflicts_and_nothing_changes()
    {
        var original = Event("run-start");
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, [original], Ct);
        var otherData = original with { Data = new byte[] { 1, 2, 3 } };
        var otherType = original with { Type = "other_event" };
        var otherMetadata = original with { Metadata = new Dictionary<string, string> { ["name"] = "someone else" } };
        var otherSchema = original with { SchemaVersion = 2 };
        foreach (var retry in new[] { otherData, otherType, otherMetadata, otherSchema })
        {
            var ex = await Assert.ThrowsAsync<IdempotencyConflictException>(() => Store.AppendToStream(S1, ExpectedVersion.NoStream, [retry], Ct));
            Assert.Equal(original.EventId, ex.EventId);
            await Assert.ThrowsAsync<IdempotencyConflictException>(() => Store.AppendToStream(S1, ExpectedVersion.Any, [retry], Ct));
        }
        var page = await Store.ReadStreamForwards(S1, 0, 10, cancellationToken: Ct);
        Assert.Equal(original.Data.ToArray(), Assert.Single(page.Events).Data.ToArray());
        // Metadata in another order is the same content.
        var reordered = original with { Metadata = new Dictionary<string, string>(original.Metadata!.Reverse()) };
        Assert.Equal(0, (await Store.AppendToStream(S1, ExpectedVersion.NoStream, [reordered], Ct)).CurrentRevision);
    }

    [Fact, Trait("Category", "Idempotency")]
    public void Deterministic_ids_are_stable_and_distinct()
    {
        Assert.Equal(DeterministicGuid.Create("run-x/epoch/1"), DeterministicGuid.Create("run-x/epoch/1"));
        Assert.NotEqual(DeterministicGuid.Create("run-x/epoch/1"), DeterministicGuid.Create("run-x/epoch/2"));
        // RFC 4122 version 5 layout.
        Assert.Equal(5, DeterministicGuid.Create("a").Version);
    }
}
