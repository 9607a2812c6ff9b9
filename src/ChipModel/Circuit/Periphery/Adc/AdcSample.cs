namespace NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;

/// <summary>
/// One conversion of a subarray's columns by a multilevel sense amp: the slowest column's latency (clamped to 1–10 ns)
/// and the sum of the columns' comparator power; the energy of a conversion is their product.
/// </summary>
public readonly record struct AdcSample(double Conversion, double PowerSum);
