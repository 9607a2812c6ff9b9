namespace NeuroSim.Replay.ChipModel.Circuit.Chip;

/// <summary>The chip's area and its breakdown (the first line of V2.0's breakdown file), m².</summary>
public sealed record ChipArea(double Total, double Array, double Interconnect, double Adc, double Accumulation, double Other, double WeightGradient);
