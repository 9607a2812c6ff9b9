namespace NeuroSim.Replay.Core.Replays;

/// <summary>The chip model's version in replay streams: estimates stored under another version are computed again.</summary>
public static class ChipModelVersion
{
    /// <summary>Bump when the model's numbers change.</summary>
    // RD-66: version d gives a chip one global-buffer core where the reference floors the count to 0.
    public const string Current = "neurosim-v2.0/2026-11-26d";   // d: one global-buffer core where the reference floors to 0
}
