using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Tests.Store;

/// <summary>Creating a store, large payloads, and a store written by a newer build.</summary>
public abstract partial class EventStoreAcceptanceTests
{
    [Fact, Trait("Category", "Format")]
    public async Task When_a_store_is_created_from_empty_then_only_a_creating_writer_makes_it_and_readers_see_its_events()
    {
        var address = StoreAddress.Parse(Fixture.NewAddress());
        Assert.Contains("does not exist", (await Assert.ThrowsAsync<EventStoreException>(() => address.OpenForReading(Ct))).Message);
        await Assert.ThrowsAsync<EventStoreException>(() => address.OpenForWriting(Ct));
        await Assert.ThrowsAsync<EventStoreException>(() => address.OpenForChecking(Ct));
        await using (var creator = await address.OpenOrCreateForWriting(Ct))
            await creator.AppendToStream(S1, ExpectedVersion.NoStream, Events("a", 2), Ct);
        await using (var again = await address.OpenOrCreateForWriting(Ct))   // opening again keeps what is there
            Assert.Equal(1, (await again.GetStreamInfo(S1, Ct))!.LastRevision);
        await using var reader = await address.OpenForReading(Ct);
        Assert.Equal(2, (await reader.ReadStreamForwards(S1, 0, 10, cancellationToken: Ct)).Events.Count);
        Assert.Empty(await reader.CheckStorage(Ct));
    }

    [Fact, Trait("Category", "Format")]
    public async Task When_the_store_has_a_newer_format_then_every_open_refuses_it_and_nothing_is_written()
    {
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("a", 2), Ct);
        var head = await Store.ReadHeadPosition(Ct);
        await Fixture.SetFormatVersion(99);
        var address = StoreAddress.Parse(Fixture.Address);
        foreach (var open in new Func<Task>[] { () => address.OpenForReading(Ct), () => address.OpenForWriting(Ct),
                     () => address.OpenOrCreateForWriting(Ct), () => address.OpenForChecking(Ct) })
        {
            var ex = await Assert.ThrowsAsync<StoreFormatTooNewException>(open);
            Assert.Equal(99, ex.FoundVersion);
            Assert.Contains("format version 99", ex.Message);
            Assert.Contains("update NeuroSim.Replay", ex.Message);
        }
        Assert.Equal(head, await Store.ReadHeadPosition(Ct));
    }

    [Fact, Trait("Category", "AppendStream")]
    public async Task Can_append_and_read_back_a_30_MB_payload_and_retry_it_idempotently()
    {
        var data = new byte[30 << 20];
        new Random(3).NextBytes(data);
        NewEvent[] batch = [new NewEvent(DeterministicGuid.Create("big"), "layer_trace_recorded", 1, data), Event("after")];
        var first = await Store.AppendToStream(S1, ExpectedVersion.NoStream, batch, Ct);
        var page = await Store.ReadStreamForwards(S1, 0, 10, cancellationToken: Ct);
        Assert.True(data.AsSpan().SequenceEqual(page.Events[0].Data.Span), "the 30 MB payload read back differs");
        var all = await Store.ReadAllForwards(0, 1, ["layer_trace_recorded"], Ct);
        Assert.Equal(data.Length, Assert.Single(all.Events).Data.Length);
        Assert.Equal(first, await Store.AppendToStream(S1, ExpectedVersion.NoStream, batch, Ct));
        data[^1] ^= 1;   // one bit of 30 MB is other content
        await Assert.ThrowsAsync<IdempotencyConflictException>(() => Store.AppendToStream(S1, ExpectedVersion.NoStream, batch, Ct));
    }
}
