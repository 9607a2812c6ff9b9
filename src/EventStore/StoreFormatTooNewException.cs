namespace NeuroSim.Replay.EventStore;

/// <summary>
/// The store was written by a newer NeuroSim.Replay: its format (schema) version is above the one this build reads.
/// Nothing in it is read or changed; the command stops (exit 6) and says to update.
/// </summary>
public sealed class StoreFormatTooNewException(string store, int found, int supported)
    : Exception(ErrorMessages.StoreFormatTooNew(store, found, supported))
{
    public string Store { get; } = store;
    public int FoundVersion { get; } = found;
    public int SupportedVersion { get; } = supported;
}
