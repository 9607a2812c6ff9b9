namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>Whether a decoder drives rows (stacked vertically) or columns (side by side).</summary>
public enum DecoderMode
{
    RegularRow,
    RegularCol,
}
