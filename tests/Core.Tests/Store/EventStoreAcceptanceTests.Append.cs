using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Tests.Store;

public abstract partial class EventStoreAcceptanceTests
{
    [Fact, Trait("Category", "AppendStream")]
    public async Task When_appending_to_a_new_stream_with_NoStream_then_revisions_start_at_zero()
    {
        var result = await Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("a", 3), Ct);
        Assert.Equal(2, result.CurrentRevision);
        var page = await Store.ReadStreamForwards(S1, 0, 10, cancellationToken: Ct);
        Assert.Equal([0L, 1L, 2L], page.Events.Select(e => e.Revision));
        Assert.Equal(result.Position, page.Events[^1].Position);
    }

    [Fact, Trait("Category", "AppendStream")]
    public async Task When_appending_with_the_exact_revision_then_it_succeeds()
    {
        var first = await Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("a", 2), Ct);
        var second = await Store.AppendToStream(S1, ExpectedVersion.Exact(first.CurrentRevision), Events("b", 2), Ct);
        Assert.Equal(3, second.CurrentRevision);
        Assert.True(second.Position > first.Position);
    }

    [Fact, Trait("Category", "AppendStream")]
    public async Task When_append_with_wrong_expected_version_then_should_throw()
    {
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("a", 2), Ct);
        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            Store.AppendToStream(S1, ExpectedVersion.Exact(0), Events("b", 1), Ct));
        Assert.Equal(S1, ex.StreamId);
        Assert.Equal(1, ex.ActualRevision);
        Assert.Equal(ErrorMessages.WrongExpectedVersion(S1, ExpectedVersion.Exact(0), 1), ex.Message);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("c", 1), Ct));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendToStream(S2, ExpectedVersion.StreamExists, Events("d", 1), Ct));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendToStream(S2, ExpectedVersion.Exact(0), Events("e", 1), Ct));
        var page = await Store.ReadStreamForwards(S1, 0, 10, cancellationToken: Ct);
        Assert.Equal(2, page.Events.Count);
    }

    [Fact, Trait("Category", "AppendStream")]
    public async Task When_appending_with_Any_then_no_check_is_made()
    {
        await Store.AppendToStream(S1, ExpectedVersion.Any, Events("a", 1), Ct);
        var r = await Store.AppendToStream(S1, ExpectedVersion.Any, Events("b", 1), Ct);
        Assert.Equal(1, r.CurrentRevision);
        r = await Store.AppendToStream(S1, ExpectedVersion.StreamExists, Events("c", 1), Ct);
        Assert.Equal(2, r.CurrentRevision);
    }

    [Fact, Trait("Category", "AppendStream")]
    public async Task When_appending_bad_events_then_arguments_are_rejected_before_anything_is_written()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendToStream(S1, ExpectedVersion.Any,
            [Event("a"), Event("a")], Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendToStream(S1, ExpectedVersion.Any,
            [new NewEvent(Guid.Empty, "t", 1, new byte[1])], Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendToStream(S1, ExpectedVersion.Any,
            [new NewEvent(Guid.NewGuid(), " ", 1, new byte[1])], Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendToStream(S1, ExpectedVersion.Any,
            [new NewEvent(Guid.NewGuid(), "t", 0, new byte[1])], Ct));
        Assert.Null(await Store.GetStreamInfo(S1, Ct));
        Assert.Equal(-1, await Store.ReadHeadPosition(Ct));
    }

    [Fact, Trait("Category", "AppendStream")]
    public void When_a_stream_id_is_reserved_or_malformed_then_it_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new StreamId("$all"));
        Assert.Throws<ArgumentException>(() => new StreamId(""));
        Assert.Throws<ArgumentException>(() => new StreamId("has space"));
        Assert.Throws<ArgumentException>(() => new StreamId(new string('x', StreamId.MaxLength + 1)));
    }

    [Fact, Trait("Category", "AppendStream")]
    public async Task When_metadata_and_payload_are_appended_then_they_read_back_unchanged()
    {
        var e = new NewEvent(DeterministicGuid.Create("m"), "with_meta", 3, new byte[] { 1, 2, 3, 255 },
            new Dictionary<string, string> { ["k"] = "v", ["unicode"] = "µm²" });
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, [e], Ct);
        var read = (await Store.ReadStreamForwards(S1, 0, 1, cancellationToken: Ct)).Events.Single();
        Assert.Equal(e.EventId, read.EventId);
        Assert.Equal("with_meta", read.Type);
        Assert.Equal(3, read.SchemaVersion);
        Assert.Equal(e.Data.ToArray(), read.Data.ToArray());
        Assert.Equal("µm²", read.Metadata["unicode"]);
        Assert.True(read.Timestamp > DateTimeOffset.UnixEpoch);
    }
}
