namespace NeuroSim.Replay.ChipModel.Circuit.Cells;

/// <summary>The voltages the periphery drives onto the array.</summary>
/// <param name="Read">Read voltage on the bit/source lines.</param>
/// <param name="Access">Gate voltage of 1T1R access transistors.</param>
/// <param name="Write">Write voltage (the reference uses √(Vltp² + Vltd²)).</param>
public readonly record struct CellVoltages(double Read, double Access, double Write);
