namespace NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;

/// <summary>
/// What converts a subarray's column currents (V2.1 keys <c>SARADC</c>, <c>currentMode</c>): V2.0's current-mode multilevel
/// sense amp, V2.1's voltage-mode one, or V2.1's SAR ADC (tests/ReferenceRunsV21/NOTES.md §4–5).
/// </summary>
public enum ColumnAdcKind
{
    CurrentSenseAmp,
    VoltageSenseAmp,
    Sar,
}
