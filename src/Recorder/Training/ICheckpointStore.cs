namespace NeuroSim.Replay.Recorder.Training;

/// <summary>
/// Where a run's checkpoints go. Each is saved before the epoch's events are appended, and the two latest are kept, so
/// the store's last completed epoch always has its checkpoint whatever moment the process is killed.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>Where the checkpoint of <paramref name="epoch"/> is (a path or a stream), for messages and RunResumed.</summary>
    string Describe(int epoch);

    Task Save(Checkpoint checkpoint, CancellationToken cancellationToken);

    /// <exception cref="FileNotFoundException">No checkpoint for that epoch.</exception>
    /// <exception cref="InvalidDataException">A damaged checkpoint.</exception>
    Task<Checkpoint> Load(int epoch, CancellationToken cancellationToken);
}
