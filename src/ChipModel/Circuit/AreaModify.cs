namespace NeuroSim.Replay.ChipModel.Circuit;

/// <summary>How a unit's layout is fitted to the space its parent gives it (NeuroSim's AreaModify).</summary>
public enum AreaModify
{
    /// <summary>Keep the computed layout (or arrange units in rows/columns to fit a given height or width).</summary>
    None,
    /// <summary>Keep the area, take the given height (or width) and stretch the other side.</summary>
    Magic,
    /// <summary>Take both the given height and width.</summary>
    Override,
}
