namespace NeuroSim.Replay.ChipModel.Circuit;

/// <summary>The parts of an epoch estimate whose time <see cref="EstimateTimings"/> measures.</summary>
public enum EstimatePhase
{
    /// <summary>The column currents of every input vector of every subarray (the array read; shared by FW and AG).</summary>
    ArrayReads,
    /// <summary>The multilevel sense amps converting those columns (FW and AG conversions).</summary>
    Adc,
    /// <summary>Each read's periphery from its driven rows and conversions (decoders, switches, encoders, shift-add), summed over the vectors.</summary>
    ReadPeriphery,
    /// <summary>Weight-update pulses from the weights before and after the update, and the subarrays' writes.</summary>
    WeightUpdate,
    /// <summary>The weight-gradient unit, its DRAM and buffer traffic and the gradient accumulation.</summary>
    WeightGradient,
}
