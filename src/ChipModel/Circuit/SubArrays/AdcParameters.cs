using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;

namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>Parameters the subarray's ADC takes from Param.cpp (the reference reads them from its global).</summary>
public readonly record struct AdcParameters(double ResistanceOn, double ResistanceOff, int NumRowSubArray, int Technode, bool HighPerformance, double ReadVoltage,
    Periphery.Adc.AdcVariant? Variant = null);
