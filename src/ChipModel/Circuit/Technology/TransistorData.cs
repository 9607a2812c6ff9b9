namespace NeuroSim.Replay.ChipModel.Circuit.Technology;

/// <summary>
/// PTM-based transistor data of one node and roadmap, as tabulated by DNN+NeuroSim V2.0
/// (Technology.cpp): supply and threshold voltage, gate length and capacitances, the CACTI
/// effective-resistance multiplier, currents for gm at 0.7·Vdd, and on/off currents per µm of width
/// at 300, 310, …, 400 K (11 points; A/m). Fin geometry is set for FinFET nodes (≤ 14 nm).
/// </summary>
public sealed record TransistorData(
    double Vdd,
    double Vth,
    double PhysicalGateLengthM,
    double CapIdealGateFPerM,
    double CapFringeFPerM,
    double EffectiveResistanceMultiplier,
    double CurrentGmNmos,
    double CurrentGmPmos,
    double FinHeightM,
    double FinWidthM,
    double FinPitchM,
    double[] OnNmos,
    double[] OnPmos,
    double[] OffNmos,
    double[] OffPmos);
