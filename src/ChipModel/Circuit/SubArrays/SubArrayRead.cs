namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>One input vector through a subarray: forward (FW) and activation-gradient (AG) reads and their breakdown.</summary>
public readonly record struct SubArrayRead(
    double Latency,
    double LatencyAG,
    double LatencyADC,
    double LatencyAccum,
    double LatencyOther,
    double Energy,
    double EnergyAG,
    double EnergyADC,
    double EnergyAccum,
    double EnergyOther);

/// <summary>
/// The weight update of one subarray (from GetWriteUpdateEstimation): activities, pulses and the array's
/// own write energy.
/// </summary>
public readonly record struct WriteActivity(double ActivityRowWrite, double ActivityColWrite, int NumWritePulseAvg, int TotalNumWritePulse, double WriteEnergyArray)
{
    public static WriteActivity None => default;
}

/// <summary>Latency and energy of one subarray's weight update.</summary>
public readonly record struct SubArrayWrite(double Latency, double Energy);
