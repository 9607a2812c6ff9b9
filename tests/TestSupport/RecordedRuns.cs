using Google.Protobuf;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.TestSupport;

/// <summary>Run streams written event by event, as a recorder (alive or killed) leaves them.</summary>
public static class RecordedRuns
{
    /// <summary>A recorded MNIST run's RunStarted with one layer, recorded by <paramref name="owner"/> (null: before owners were recorded).</summary>
    public static RunStarted Started(string run, RecordingOwner? owner)
    {
        var s = new RunStarted { RunId = run, Name = run, Origin = RunOrigin.Recorded, Model = "mnist-mlp", PlannedEpochs = 2 };
        s.Network.Add(new NetworkLayer { Name = "FC0_", IfmHeight = 1, IfmWidth = 1, IfmChannels = 4, KernelHeight = 1, KernelWidth = 1, OfmChannels = 2, Stride = 1 });
        if (owner is not null) s.Owner = owner;
        return s;
    }

    /// <summary>A recorder that is gone: this host, a pid that has exited.</summary>
    public static RecordingOwner DeadOwner()
    {
        var owner = RunLiveness.CurrentOwner();
        owner.Pid = ExitedProcess.Id();
        return owner;
    }

    /// <summary>Appends <paramref name="events"/> to the run's stream, after whatever it holds, in one append.</summary>
    public static async Task Append(IEventStore store, string run, CancellationToken ct, params IMessage[] events)
    {
        var stream = StreamIds.Run(run);
        var revision = (await store.GetStreamInfo(stream, ct))?.LastRevision ?? -1;
        await store.AppendToStream(stream, revision < 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exact(revision),
            [.. events.Select((e, i) => EventSerializer.ToNewEvent(e, $"{stream}/{revision + 1 + i}"))], ct);
    }
}
