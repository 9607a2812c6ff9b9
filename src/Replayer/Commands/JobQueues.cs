using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.EventStore.Jobs;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>The job queue of a store: server stores have one; an embedded store's replays run in one process (replay).</summary>
public static class JobQueues
{
    public static async Task<IJobQueue> Open(StoreAddress address, CancellationToken ct)
    {
        await Task.CompletedTask;
        throw new NotSupportedException($"{address}: replay workers need a server store (--store postgres://USER@HOST:PORT/DATABASE); " +
            "on an embedded store run ./neurosim replay without --submit.");
    }
}
