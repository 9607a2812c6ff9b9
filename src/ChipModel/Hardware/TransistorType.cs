namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>The transistor technology (Param.cpp <c>transistortype</c>); V2.0 models conventional CMOS only.</summary>
public enum TransistorType
{
    ConventionalCmos = 1,
}
