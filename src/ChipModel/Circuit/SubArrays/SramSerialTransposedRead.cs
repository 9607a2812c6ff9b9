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
    /// <summary>The sense amps, registers, adders and shift-add of the column-by-column transposed read.</summary>
    public static (Periphery.SenseAmp SenseAmp, Periphery.Dff Dff, Periphery.Adder Adder, Periphery.ShiftAdd ShiftAdd) Build(
        CircuitContext c, Cells.MemCell cell, SubArraySpec spec, double lengthCol)
    {
        var senseAmp = new Periphery.SenseAmp(c, spec.NumCol, cell.MinSenseVoltage, lengthCol / spec.NumRow, spec.ClkFreq, spec.NumReadCellPerOperationNeuro);
        var adderBit = (int)Math.Ceiling(Math.Log2(spec.NumCol)) + 1;
        var numAdder = spec.NumRow / spec.NumCellPerSynapse;
        const int pulsesBP = SubArraySpec.NumReadPulseBP;
        return (senseAmp, new Periphery.Dff(c, (adderBit + 1) * numAdder, spec.ClkFreq), new Periphery.Adder(c, adderBit, numAdder),
            new Periphery.ShiftAdd(c, numAdder, adderBit + pulsesBP + 1, spec.ClkFreq, pulsesBP, cell.ReadPulseWidth));
    }

    /// <summary>
    /// The transposed read's periphery laid out along the array's height (beside it, so it adds width) and its areas:
    /// the AG total and its ADC (sense amps, prechargers), accumulation (registers, adders, shift-add) and "other"
    /// (<paramref name="lineDriver"/>, write drivers) parts.
    /// </summary>
    /// <param name="lineDriver">What drives the lines (switch matrix or decoder), laid out along the width.</param>
    public static (double Width, double AreaAG, double Adc, double Accumulation, double Other) Layout(
        Periphery.SenseAmp senseAmp, Periphery.Dff dff, Periphery.Adder adder, Periphery.ShiftAdd shiftAdd, Periphery.Precharger pre,
        Periphery.SramWriteDriver writeDriver, Footprint lineDriver, double heightArray)
    {
        var sa = senseAmp.Layout(heightArray, 0);
        var dffFp = dff.Layout(heightArray);
        var adderFp = adder.Layout(heightArray);
        var shift = shiftAdd.Layout(heightArray, 0);
        var preFp = pre.Layout(heightArray, 0);
        var wd = writeDriver.Layout(heightArray, 0);
        return (sa.Width + dffFp.Width + adderFp.Width + shift.Width + preFp.Width + wd.Width,
            sa.Area + dffFp.Area + adderFp.Area + shift.Area + lineDriver.Area + preFp.Area + wd.Area,
            sa.Area + preFp.Area, dffFp.Area + adderFp.Area + shift.Area, lineDriver.Area + wd.Area);
    }

    /// <summary>(AG energy, ADC part, accumulation part, "other" part) for <paramref name="reads"/> column reads.</summary>
    /// <param name="lineEnergy">What drives the lines (switch matrix or decoder), the "other" part.</param>
    /// <param name="adderBits">The adders' width the registers are charged with (RD-55: the reference takes the forward adders').</param>
    public static (double Energy, double Adc, double Accumulation, double Other) Energy(
        Periphery.Precharger pre, Periphery.Adder adder, Periphery.Dff dff, Periphery.SenseAmp senseAmp, Periphery.ShiftAdd shiftAdd,
        double capRow, double reads, int perOperation, int adderBits, double lineEnergy)
    {
        var preE = pre.Energy(capRow, reads, 0).Read;
        var adderE = adder.ReadEnergy(reads, perOperation);
        var dffE = dff.ReadEnergy(reads, perOperation * (adderBits + 1));
        var saE = senseAmp.ReadEnergy(reads);
        var shiftE = shiftAdd.ReadEnergy(reads);
        return (lineEnergy + preE + adderE + dffE + saE + shiftE, preE + saE, adderE + dffE + shiftE, lineEnergy);
    }
}
