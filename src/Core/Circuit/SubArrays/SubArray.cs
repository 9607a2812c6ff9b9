using NeuroSim.Replay.Core.Circuit.Cells;

namespace NeuroSim.Replay.Core.Circuit.SubArrays;

/// <summary>Parameters the subarray's ADC takes from Param.cpp (the reference reads them from its global).</summary>
public readonly record struct AdcParameters(double ResistanceOn, double ResistanceOff, int NumRowSubArray, int Technode, bool HighPerformance, double ReadVoltage);

/// <summary>
/// A synaptic subarray with its periphery (NeuroSim SubArray.cpp): geometry, area breakdown and leakage,
/// fixed at construction; <see cref="Read"/> evaluates one input vector and <see cref="Write"/> one weight
/// update, both pure. <see cref="EnvmSubArray"/> holds RRAM/FeFET cells, <see cref="SramSubArray"/> SRAM cells.
/// </summary>
public abstract class SubArray
{
    protected SubArray(CircuitContext c, SubArraySpec spec)
    {
        Spec = spec;
        Vdd = c.Vdd;
    }

    /// <summary>The subarray for the configuration's cell type.</summary>
    public static SubArray Create(CircuitContext c, MemCell cell, SubArraySpec spec, AdcParameters adc) =>
        cell.Type == MemCellType.Sram ? new SramSubArray(c, cell, spec, adc) : new EnvmSubArray(c, cell, spec, adc);

    public SubArraySpec Spec { get; }
    public double Vdd { get; }
    /// <summary>Cell resistances as the eNVM array derives them (SRAM: none, all zero).</summary>
    public abstract CellResistances Resistances { get; }
    public double LengthRow { get; protected init; }
    public double LengthCol { get; protected init; }
    public double CapRow1 { get; protected init; }
    public double CapRow2 { get; protected init; }
    public double CapCol { get; protected init; }
    public double ResRow { get; protected init; }
    public double ResCol { get; protected init; }
    public double Height { get; protected init; }
    public double Width { get; protected init; }
    public double Area { get; protected init; }
    public double UsedArea { get; protected init; }
    public double AreaArray { get; protected init; }
    public double AreaADC { get; protected init; }
    public double AreaAccum { get; protected init; }
    public double AreaOther { get; protected init; }
    public double AreaAG { get; protected init; }
    public double Leakage { get; protected init; }

    /// <summary>
    /// One input vector: <paramref name="activityRowRead"/> is the fraction of rows driven, and
    /// <paramref name="columnResistance"/> the resistance each column presents to its ADC.
    /// </summary>
    public abstract SubArrayRead Read(double activityRowRead, ReadOnlySpan<double> columnResistance);

    /// <summary>The weight update of this subarray (SubArray::CalculateLatency/Power, write part).</summary>
    public abstract SubArrayWrite Write(WriteActivity w);
}
