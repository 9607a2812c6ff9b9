using NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;

namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>
/// What an eNVM subarray's sense amps make of one input vector's column resistances: the forward read's conversion and,
/// in training, the transposed read's (default otherwise). All of a read that depends on the weights and inputs beyond
/// the count of driven rows.
/// </summary>
public readonly record struct ReadSamples(AdcSample Forward, AdcSample Backward);
