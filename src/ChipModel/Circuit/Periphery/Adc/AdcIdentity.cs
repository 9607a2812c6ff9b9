namespace NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;

/// <summary>
/// What a multilevel sense amp's conversion of a set of columns depends on (MultilevelSenseAmp.cpp): its levels and
/// read mode (the reference resistances), the cell's resistances and the rows read at once, the node's latency and
/// power fits, the roadmap and the read voltage. Equal identities convert equal columns alike, whatever the column count.
/// </summary>
public readonly record struct AdcIdentity(int LevelOutput, bool Parallel, double ResistanceOn, double ResistanceOff, int NumRowSubArray,
    int Technode, bool HighPerformance, double ReadVoltage, ColumnAdcKind Kind = ColumnAdcKind.CurrentSenseAmp, double PowerScale = 1);
