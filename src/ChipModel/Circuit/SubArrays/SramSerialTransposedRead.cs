using NeuroSim.Replay.ChipModel.Circuit.Cells;
using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

/// <summary>
/// The transposed (activation-gradient) read of an SRAM array taken one column at a time: prechargers, latch sense
/// amps, adders and registers. Both read modes use it; what drives the lines (switch matrix or decoder) differs.
/// </summary>
internal static class SramSerialTransposedRead
{
    /// <summary>
    /// The transposed read's shift-add energy for <paramref name="reads"/> column reads: V2.0 charges its one shift-add per
    /// column read; V2.1 (RD-114) the input-bit shift-add once and the weight one numCellPerSynapse times per read.
    /// </summary>
    public static double ShiftEnergy(SubArraySpec spec, Periphery.ShiftAdd shiftAdd, Periphery.ShiftAdd? weightShiftAdd, double reads) =>
        spec.V21 ? (weightShiftAdd?.ReadEnergy(spec.NumCellPerSynapse) ?? 0) + shiftAdd.ReadEnergy(1) : shiftAdd.ReadEnergy(reads);

    /// <summary>The transposed read's shift-add latency: none in V2.0 (it never computes it), V2.1 (RD-114) the input-bit one once, the weight one numCellPerSynapse times.</summary>
    public static double ShiftLatency(SubArraySpec spec, Periphery.ShiftAdd shiftAdd, Periphery.ShiftAdd? weightShiftAdd) =>
        spec.V21 ? shiftAdd.ReadLatency(1) + (weightShiftAdd?.ReadLatency(spec.NumCellPerSynapse) ?? 0) : 0;

    /// <summary>
    /// The sense amps, registers, adders and shift-add of the column-by-column transposed read; V2.1 (RD-105) splits the
    /// shift-add into an input-bit one (numCellPerSynapse more bits instead of numReadPulseBP + 1) and a weight one.
    /// </summary>
    public static (Periphery.SenseAmp SenseAmp, Periphery.Dff Dff, Periphery.Adder Adder, Periphery.ShiftAdd ShiftAdd, Periphery.ShiftAdd? WeightShiftAdd) Build(
        CircuitContext c, Cells.MemCell cell, SubArraySpec spec, double lengthCol)
    {
        var senseAmp = new Periphery.SenseAmp(c, spec.NumCol, cell.MinSenseVoltage, lengthCol / spec.NumRow, spec.ClkFreq, spec.NumReadCellPerOperationNeuro);
        var adderBit = (int)Math.Ceiling(Math.Log2(spec.NumCol)) + 1;
        var numAdder = spec.NumRow / spec.NumCellPerSynapse;
        const int pulsesBP = SubArraySpec.NumReadPulseBP;
        var weight = spec.HasWeightShiftAdd ? new Periphery.ShiftAdd(c, numAdder, adderBit, spec.ClkFreq, spec.NumCellPerSynapse, cell.ReadPulseWidth) : null;
        return (senseAmp, new Periphery.Dff(c, (adderBit + 1) * numAdder, spec.ClkFreq), new Periphery.Adder(c, adderBit, numAdder),
            new Periphery.ShiftAdd(c, numAdder, adderBit + (spec.V21 ? spec.NumCellPerSynapse : pulsesBP + 1), spec.ClkFreq, pulsesBP, cell.ReadPulseWidth), weight);
    }

    /// <summary>
    /// The transposed read's periphery laid out along the array's height (beside it, so it adds width) and its areas:
    /// the AG total and its ADC (sense amps, prechargers), accumulation (registers, adders, shift-add) and "other"
    /// (<paramref name="lineDriver"/>, write drivers) parts.
    /// </summary>
    /// <param name="lineDriver">What drives the lines (switch matrix or decoder), laid out along the width.</param>
    public static (double Width, double AreaAG, double Adc, double Accumulation, double Other) Layout(
        Periphery.SenseAmp senseAmp, Periphery.Dff dff, Periphery.Adder adder, Periphery.ShiftAdd shiftAdd, Periphery.ShiftAdd? weightShiftAdd, Periphery.Precharger pre,
        Periphery.SramWriteDriver writeDriver, Footprint lineDriver, double heightArray)
    {
        var sa = senseAmp.Layout(heightArray, 0);
        var dffFp = dff.Layout(heightArray);
        var adderFp = adder.Layout(heightArray);
        var weightShift = weightShiftAdd?.Layout(heightArray, 0) ?? default;
        var shiftOnly = shiftAdd.Layout(heightArray, 0);
        var shift = new Footprint(shiftOnly.Height, shiftOnly.Width + weightShift.Width, shiftOnly.Area + weightShift.Area);
        var preFp = pre.Layout(heightArray, 0);
        var wd = writeDriver.Layout(heightArray, 0);
        return (sa.Width + dffFp.Width + adderFp.Width + shift.Width + preFp.Width + wd.Width,
            sa.Area + dffFp.Area + adderFp.Area + shift.Area + lineDriver.Area + preFp.Area + wd.Area,
            sa.Area + preFp.Area, dffFp.Area + adderFp.Area + shift.Area, lineDriver.Area + wd.Area);
    }

    /// <summary>(AG energy, ADC part, accumulation part, "other" part) for <paramref name="reads"/> column reads.</summary>
    /// <param name="lineEnergy">What drives the lines (switch matrix or decoder), the "other" part.</param>
    /// <param name="adderBits">The adders' width the registers are charged with (RD-55: the reference takes the forward adders').</param>
    /// <param name="shiftEnergy">The shift-adds' energy (V2.0: the shift-add once per column read; V2.1, RD-114: once per read).</param>
    public static (double Energy, double Adc, double Accumulation, double Other) Energy(
        Periphery.Precharger pre, Periphery.Adder adder, Periphery.Dff dff, Periphery.SenseAmp senseAmp, double shiftEnergy,
        double capRow, double reads, int perOperation, int adderBits, double lineEnergy)
    {
        var preE = pre.Energy(capRow, reads, 0).Read;
        var adderE = adder.ReadEnergy(reads, perOperation);
        var dffE = dff.ReadEnergy(reads, perOperation * (adderBits + 1));
        var saE = senseAmp.ReadEnergy(reads);
        var shiftE = shiftEnergy;
        return (lineEnergy + preE + adderE + dffE + saE + shiftE, preE + saE, adderE + dffE + shiftE, lineEnergy);
    }
}
