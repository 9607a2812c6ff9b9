namespace NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;

/// <summary>
/// RD-110: the column converter's kind and the factor its column power is scaled by: V2.0 has only the current-mode sense amp and no
/// temperature factor; V2.1 multiplies every column power (sense amps and SAR ADC) by 1 + 1.3e-3·(T − 300)
/// (DNN_NeuroSim_V2.1 MultilevelSenseAmp.cpp/SarADC.cpp GetColumnPower).
/// </summary>
public readonly record struct AdcVariant(ColumnAdcKind Kind, double PowerScale)
{
    public static AdcVariant V20 => new(ColumnAdcKind.CurrentSenseAmp, 1);

    /// <summary>V2.1's converter for a configuration's keys at <paramref name="temperature"/> (K).</summary>
    public static AdcVariant V21(bool sarAdc, bool currentMode, int temperature) =>
        new(sarAdc ? ColumnAdcKind.Sar : currentMode ? ColumnAdcKind.CurrentSenseAmp : ColumnAdcKind.VoltageSenseAmp, 1 + 1.3e-3 * (temperature - 300));
}
