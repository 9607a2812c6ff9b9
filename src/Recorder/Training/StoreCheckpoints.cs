using Google.Protobuf;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Recorder.Training;

/// <summary>
/// Checkpoints in the store itself, for stores with no file beside them (the server store): one stream per epoch,
/// <c>checkpoint-RUN.epoch-N</c>, holding a <see cref="CheckpointSaved"/>; streams older than the two latest are deleted
/// (a tombstone; their events removed). A run recorded on one machine can so be resumed on another.
/// </summary>
public sealed class StoreCheckpoints(IEventStore store, string runName) : ICheckpointStore
{
    public string Describe(int epoch) => $"stream {StreamIds.Checkpoint(runName, epoch)}";

    public async Task Save(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var saved = new CheckpointSaved { Epoch = checkpoint.Epoch, Payload = ByteString.CopyFrom(CheckpointCodec.Encode(checkpoint)) };
        // Any: a resumed attempt saves that epoch's checkpoint again; the last one is read.
        await store.AppendToStream(StreamIds.Checkpoint(runName, checkpoint.Epoch), ExpectedVersion.Any,
            [EventSerializer.ToNewEvent(saved, $"{StreamIds.Checkpoint(runName, checkpoint.Epoch)}/{Guid.NewGuid()}")], cancellationToken).ConfigureAwait(false);
        foreach (var old in await Core.Runs.RunDeletion.CheckpointStreams(store, runName, cancellationToken).ConfigureAwait(false))
            if (StreamIds.CheckpointEpoch(runName, old.StreamId) < checkpoint.Epoch - 1)
                await store.DeleteStream(old.StreamId, ExpectedVersion.Any, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Checkpoint> Load(int epoch, CancellationToken cancellationToken)
    {
        var stream = StreamIds.Checkpoint(runName, epoch);
        var page = await store.ReadStreamBackwards(stream, -1, 1, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (page.Status != ReadStatus.Success || page.Events.Count == 0)
            throw new FileNotFoundException($"{Describe(epoch)}: no checkpoint for epoch {epoch}; the run cannot be resumed from it");
        var saved = EventSerializer.Deserialize<CheckpointSaved>(page.Events[0]);
        using var bytes = new MemoryStream(saved.Payload.ToByteArray());
        return CheckpointCodec.Decode(bytes, Describe(epoch));
    }
}
