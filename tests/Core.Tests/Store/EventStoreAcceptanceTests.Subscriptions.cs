using System.Collections.Concurrent;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Tests.Store;

public abstract partial class EventStoreAcceptanceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact, Trait("Category", "Subscriptions")]
    public async Task When_subscribed_to_all_then_history_and_new_events_arrive_in_order()
    {
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("a", 3), Ct);
        var received = new ConcurrentQueue<RecordedEvent>();
        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var sub = Store.SubscribeToAll(null, (e, _) => { received.Enqueue(e); return Task.CompletedTask; },
            onCaughtUp: () => caughtUp.TrySetResult()))
        {
            await caughtUp.Task.WaitAsync(Patience, Ct);
            Assert.Equal(3, received.Count);
            await Store.AppendToStream(S2, ExpectedVersion.NoStream, Events("b", 2), Ct);
            await Store.AppendToStream(S1, ExpectedVersion.Exact(2), Events("c", 1), Ct);
            await WaitUntil(() => received.Count == 6);
        }
        var positions = received.Select(e => e.Position).ToList();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact, Trait("Category", "Subscriptions")]
    public async Task When_subscribed_to_a_stream_after_a_revision_then_only_later_events_of_that_stream_arrive()
    {
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("a", 3), Ct);
        var received = new ConcurrentQueue<long>();
        await using (Store.SubscribeToStream(S1, 1, (e, _) => { received.Enqueue(e.Revision); return Task.CompletedTask; }))
        {
            await Store.AppendToStream(S2, ExpectedVersion.NoStream, Events("b", 2), Ct);
            await Store.AppendToStream(S1, ExpectedVersion.Exact(2), Events("c", 2), Ct);
            await WaitUntil(() => received.Count == 3);
        }
        Assert.Equal([2L, 3L, 4L], received);
    }

    [Fact, Trait("Category", "Subscriptions")]
    public async Task When_subscribed_to_a_stream_that_does_not_exist_yet_then_its_first_events_arrive()
    {
        var received = new ConcurrentQueue<long>();
        await using (Store.SubscribeToStream(S1, null, (e, _) => { received.Enqueue(e.Revision); return Task.CompletedTask; }))
        {
            await Task.Delay(50, Ct);
            await Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("a", 2), Ct);
            await WaitUntil(() => received.Count == 2);
        }
    }

    [Fact, Trait("Category", "Subscriptions")]
    public async Task When_another_handle_appends_then_a_subscription_sees_it()
    {
        var received = new ConcurrentQueue<RecordedEvent>();
        await using var other = await OpenSecondHandle();
        await using (Store.SubscribeToAll(null, (e, _) => { received.Enqueue(e); return Task.CompletedTask; }))
        {
            await other.AppendToStream(S1, ExpectedVersion.NoStream, Events("z", 2), Ct);
            await WaitUntil(() => received.Count == 2);
        }
    }

    [Fact, Trait("Category", "Subscriptions")]
    public async Task When_the_handler_throws_then_the_subscription_drops_with_the_error()
    {
        await Store.AppendToStream(S1, ExpectedVersion.NoStream, Events("a", 2), Ct);
        var dropped = new TaskCompletionSource<(SubscriptionDroppedReason, Exception?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sub = Store.SubscribeToAll(null, (_, _) => throw new InvalidOperationException("boom"),
            (reason, error) => dropped.TrySetResult((reason, error)));
        var (why, ex) = await dropped.Task.WaitAsync(Patience, Ct);
        Assert.Equal(SubscriptionDroppedReason.SubscriberError, why);
        Assert.Equal("boom", ex!.Message);
    }

    [Fact, Trait("Category", "Subscriptions")]
    public async Task When_disposed_then_the_subscription_reports_Disposed_and_stops()
    {
        var dropped = new TaskCompletionSource<SubscriptionDroppedReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sub = Store.SubscribeToAll(null, (_, _) => Task.CompletedTask, (reason, _) => dropped.TrySetResult(reason));
        await sub.DisposeAsync();
        Assert.Equal(SubscriptionDroppedReason.Disposed, await dropped.Task.WaitAsync(Patience, Ct));
        Assert.True(sub.Completion.IsCompleted);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("Condition not met within " + Patience);
            await Task.Delay(10, Ct);
        }
    }
}
