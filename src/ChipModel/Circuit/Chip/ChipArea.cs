using NeuroSim.Replay.ChipModel.Circuit.Buffers;
using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Interconnect;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;
using NeuroSim.Replay.ChipModel.Circuit.ProcessingElement;
using NeuroSim.Replay.ChipModel.Circuit.SubArrays;
using NeuroSim.Replay.ChipModel.Circuit.Technology;
using NeuroSim.Replay.ChipModel.Circuit.Tile;
using NeuroSim.Replay.ChipModel.Circuit.WeightGradient;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Network;

namespace NeuroSim.Replay.ChipModel.Circuit.Chip;

/// <summary>The chip's area and its breakdown (the first line of V2.0's breakdown file), m².</summary>
public sealed record ChipArea(double Total, double Array, double Interconnect, double Adc, double Accumulation, double Other, double WeightGradient);
