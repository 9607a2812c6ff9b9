using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Tests.Store;

public abstract partial class EventStoreAcceptanceTests
{
    [Fact, Trait("Category", "ReadStream")]
    public async Task When_reading_a_missing_stream_then_the_status_says_so()
    {
        var page = await Store.ReadStreamForwards(new StreamId("nope"), 0, 10, cancellationToken: Ct);
        Assert.Equal(ReadStatus.StreamNotFound, page.Status);
        Assert.Empty(page.Events);
        Assert.True(page.IsEnd);
        var back = await Store.ReadStreamBackwards(new StreamId("nope"), -1, 10, cancellationToken: Ct);
        Assert.Equal(ReadStatus.StreamNotFound, back.Status);
        Assert.Null(await Store.GetStreamInfo(new StreamId("nope"), Ct));
    }

    [Fact, Trait("Category", "ReadStream")]
    public async Task Can_page_forwards_through_a_stream()
    {
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("a", 7), Ct);
        var seen = new List<long>();
        var page = await Store.ReadStreamForwards(S1, 0, 3, cancellationToken: Ct);
        var pages = 1;
        seen.AddRange(page.Events.Select(e => e.Revision));
        while (!page.IsEnd)
        {
            page = await page.ReadNext(Ct);
            pages++;
            seen.AddRange(page.Events.Select(e => e.Revision));
        }
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), seen);
        Assert.Equal(3, pages);
        Assert.Equal(6, page.LastRevision);
    }

    [Fact, Trait("Category", "ReadStream")]
    public async Task Can_page_backwards_from_the_end()
    {
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("a", 5), Ct);
        var page = await Store.ReadStreamBackwards(S1, -1, 2, cancellationToken: Ct);
        var seen = page.Events.Select(e => e.Revision).ToList();
        while (!page.IsEnd)
        {
            page = await page.ReadNext(Ct);
            seen.AddRange(page.Events.Select(e => e.Revision));
        }
        Assert.Equal([4L, 3L, 2L, 1L, 0L], seen);
        var fromMiddle = await Store.ReadStreamBackwards(S1, 2, 10, cancellationToken: Ct);
        Assert.Equal([2L, 1L, 0L], fromMiddle.Events.Select(e => e.Revision));
    }

    [Fact, Trait("Category", "ReadStream")]
    public async Task When_reading_with_a_type_filter_then_only_those_types_come_back()
    {
        await Store.AppendToStream(S1, ExpectedVersion.NoStream,
            [Event("a", "small"), Event("b", "big"), Event("c", "small"), Event("d", "big"), Event("e", "small")], Ct);
        var page = await Store.ReadStreamForwards(S1, 0, 10, ["small"], Ct);
        Assert.Equal([0L, 2L, 4L], page.Events.Select(e => e.Revision));
        var paged = await Store.ReadStreamForwards(S1, 0, 1, ["big"], Ct);
        var seen = paged.Events.Select(e => e.Revision).ToList();
        while (!paged.IsEnd)
        {
            paged = await paged.ReadNext(Ct);
            seen.AddRange(paged.Events.Select(e => e.Revision));
        }
        Assert.Equal([1L, 3L], seen);
        var all = await Store.ReadAllForwards(0, 10, ["big"], Ct);
        Assert.Equal(2, all.Events.Count);
    }

    [Fact, Trait("Category", "ReadAll")]
    public async Task Can_read_all_streams_in_global_order()
    {
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("a", 2), Ct);
        await Store.AppendToStream(S2, ExpectedVersion.NoStream, Events("b", 2), Ct);
        await Store.AppendToStream(S1, ExpectedVersion.Exact(1), Events("c", 1), Ct);
        var page = await Store.ReadAllForwards(0, 2, cancellationToken: Ct);
        var all = page.Events.ToList();
        while (!page.IsEnd)
        {
            page = await page.ReadNext(Ct);
            all.AddRange(page.Events);
        }
        Assert.Equal(["stream-1", "stream-1", "stream-2", "stream-2", "stream-1"], all.Select(e => e.StreamId.Value));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Position < p.Second.Position));
        Assert.Equal(all[^1].Position, await Store.ReadHeadPosition(Ct));
        var fromThird = await Store.ReadAllForwards(all[2].Position, 10, cancellationToken: Ct);
        Assert.Equal(3, fromThird.Events.Count);
    }

    [Fact, Trait("Category", "ListStreams")]
    public async Task Can_list_streams_by_prefix()
    {
        await Store.AppendToStream(new StreamId("run-b"), ExpectedVersion.NoStream, Events("1", 1), Ct);
        await Store.AppendToStream(new StreamId("run-a"), ExpectedVersion.NoStream, Events("2", 2), Ct);
        await Store.AppendToStream(new StreamId("replay-a-x"), ExpectedVersion.NoStream, Events("3", 1), Ct);
        await Store.AppendToStream(new StreamId("run_like"), ExpectedVersion.NoStream, Events("4", 1), Ct);
        var runs = await Store.ListStreams("run-", Ct);
        Assert.Equal(["run-a", "run-b"], runs.Select(s => s.StreamId.Value));
        Assert.Equal(1, runs[0].LastRevision);
        Assert.Equal(4, (await Store.ListStreams("", Ct)).Count);
    }

    [Fact, Trait("Category", "ReadStream")]
    public async Task When_another_handle_appends_then_this_handle_reads_it()
    {
        await using var other = await OpenSecondHandle();
        await other.AppendToStream(S1, ExpectedVersion.NoStream, Events("x", 2), Ct);
        var page = await Store.ReadStreamForwards(S1, 0, 10, cancellationToken: Ct);
        Assert.Equal(2, page.Events.Count);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("y", 1), Ct));
    }

    [Fact, Trait("Category", "ReadStream")]
    public async Task When_two_writers_race_on_one_revision_then_exactly_one_wins()
    {
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("base", 1), Ct);
        await using var other = await OpenSecondHandle();
        var tasks = Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? Store : other).AppendToStream(S1, ExpectedVersion.Exact(0), Events($"w{i}", 2), Ct)).ToArray();
        var results = await Task.WhenAll(tasks.Select(async t =>
        {
            try { await t; return true; }
            catch (WrongExpectedVersionException) { return false; }
        }));
        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(2, (await Store.GetStreamInfo(S1, Ct))!.LastRevision);
    }
}
