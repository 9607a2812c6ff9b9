namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>The off-chip memory (Param.cpp <c>dramType</c>); the values are the reference's codes.</summary>
public enum DramType
{
    Gddr5 = 1,
    Hbm2 = 2,
}
