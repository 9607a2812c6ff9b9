namespace NeuroSim.Replay.ChipModel.Circuit.Trace;

/// <summary>
/// What turns a window's conductances into the resistance each column presents to its ADC (ProcessingUnit.cpp
/// GetColumnResistance): the wire resistance per cell along a row and a column, the 1T1R access resistance (0 when none),
/// and the read mode (parallel: all driven rows' currents add; row by row: their mean).
/// </summary>
public readonly record struct ColumnReadParameters(double WireResistanceRow, double WireResistanceCol, double AccessResistance, bool ParallelRead);
