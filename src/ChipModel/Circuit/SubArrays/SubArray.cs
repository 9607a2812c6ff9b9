using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;

namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>
/// A synaptic subarray with its periphery (NeuroSim SubArray.cpp): geometry, area breakdown and leakage,
/// fixed at construction; <see cref="Read"/> evaluates one input vector and <see cref="Write"/> one weight
/// update, both pure. <see cref="EnvmSubArray"/> holds RRAM/FeFET cells (either read mode), <see cref="SramSubArray"/>
/// SRAM cells read in parallel and <see cref="SramRowByRowSubArray"/> SRAM cells read row by row.
/// </summary>
public abstract class SubArray
{
    protected SubArray(CircuitContext c, SubArraySpec spec)
    {
        Spec = spec;
        Vdd = c.Vdd;
        FeatureSize = c.F;
    }

    /// <summary>The subarray for the configuration's cell type.</summary>
    public static SubArray Create(CircuitContext c, MemCell cell, SubArraySpec spec, AdcParameters adc) =>
        cell.Type != MemCellType.Sram ? new EnvmSubArray(c, cell, spec, adc)
        : spec.ConventionalParallel ? new SramSubArray(c, cell, spec, adc)
        : new SramRowByRowSubArray(c, cell, spec);

    public SubArraySpec Spec { get; }
    public double Vdd { get; }
    /// <summary>The technology's feature size (m): tech.featureSize, not Param's featuresize.</summary>
    public double FeatureSize { get; }
    /// <summary>Cell resistances as the eNVM array derives them (SRAM: none, all zero).</summary>
    public abstract CellResistances Resistances { get; }
    public double LengthRow { get; protected init; }
    public double LengthCol { get; protected init; }
    public double CapRow1 { get; protected init; }
    public double CapRow2 { get; protected init; }
    public double CapCol { get; protected init; }
    public double ResRow { get; protected init; }
    public double ResCol { get; protected init; }
    public double Height { get; private set; }
    public double Width { get; private set; }
    public double Area { get; private set; }
    public double UsedArea { get; private set; }
    public double AreaArray { get; protected init; }
    public double AreaADC { get; private set; }
    public double AreaAccum { get; private set; }
    public double AreaOther { get; private set; }
    public double AreaAG { get; private set; }
    public double Leakage { get; protected init; }
    /// <summary>RD-113: the leakage without the transposed read's periphery (what V2.1 reports for the first layer, whose
    /// transposed read it never evaluates).</summary>
    public double LeakageWithoutBackward { get; protected init; }

    /// <summary>
    /// The column mux below the array and its decoder (SubArray::CalculateArea): laid out once at the array's width to
    /// learn its height, then stretched to at least the decoder's height. Nothing without a mux.
    /// </summary>
    protected static (Mux.MuxLayout? Placed, Footprint Mux, Footprint Decoder) PlaceColumnMux(Mux? mux, RowDecoder? decoder, double widthArray)
    {
        if (mux is null) return (null, default, default);
        var first = mux.Layout(0, widthArray);
        var dec = decoder!.Layout();
        var placed = mux.Layout(Math.Max(dec.Height, first.Footprint.Height), widthArray, AreaModify.Override);
        return (placed, placed.Footprint, dec);
    }

    /// <summary>The transposed read's row mux beside the array: the same, across (its width stretched to the decoder's).</summary>
    protected static (Mux.MuxLayout? Placed, Footprint Mux, Footprint Decoder) PlaceRowMux(Mux? mux, RowDecoder? decoder, double heightArray)
    {
        if (mux is null) return (null, default, default);
        var first = mux.Layout(heightArray, 0);
        var dec = decoder!.Layout();
        var placed = mux.Layout(heightArray, Math.Max(dec.Width, first.Footprint.Width), AreaModify.Override);
        return (placed, placed.Footprint, dec);
    }

    /// <summary>
    /// Sets the subarray's footprint and area breakdown (SubArray::CalculateArea's results) and checks them.
    /// RD-48: the reference lays periphery that cannot fit beside the array (a register or adder wider than a narrow
    /// array) out with negative or undefined sizes and goes on; we stop with the subarray size named.
    /// </summary>
    protected void SetLayout(double height, double width, double used, double adc, double accumulation, double other, double activationGradient)
    {
        (Height, Width, Area, UsedArea) = (height, width, height * width, used);
        (AreaADC, AreaAccum, AreaOther, AreaAG) = (adc, accumulation, other, activationGradient);
        EnsureLaidOut();
    }

    private void EnsureLaidOut()
    {
        double[] parts = [Height, Width, Area, UsedArea, AreaADC, AreaAccum, AreaOther, AreaAG];
        if (parts.All(x => double.IsFinite(x) && x >= 0) && Area > 0) return;
        var um = LengthRow * 1e6;
        throw new Hardware.ConfigException([new Hardware.ConfigError("numColSubArray", Spec.NumCol.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"the subarray's periphery does not fit beside its array ({Spec.NumRow}x{Spec.NumCol} cells, {um:G3} µm wide): a register, adder or switch " +
            "of a column is wider than the array (the reference lays it out with negative sizes); use a larger subarray or relaxArrayCellWidth=1")]);
    }

    /// <summary>
    /// One input vector: <paramref name="activityRowRead"/> is the fraction of rows driven, and
    /// <paramref name="columnResistance"/> the resistance each column presents to its ADC.
    /// </summary>
    public abstract SubArrayRead Read(double activityRowRead, ReadOnlySpan<double> columnResistance);

    /// <summary>One input vector, with or without the transposed read (false: V2.1's first layer, RD-101).</summary>
    public virtual SubArrayRead Read(double activityRowRead, ReadOnlySpan<double> columnResistance, bool backward) => Read(activityRowRead, columnResistance);

    /// <summary>The weight update of this subarray (SubArray::CalculateLatency/Power, write part).</summary>
    /// <param name="backward">Whether the layer's transposed read ran (false only for V2.1's first layer, RD-113: the column
    /// switch matrix's write energy then comes from its forward evaluation).</param>
    public abstract SubArrayWrite Write(WriteActivity w, bool backward = true);
}
