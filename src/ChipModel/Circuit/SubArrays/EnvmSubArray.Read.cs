using NeuroSim.Replay.ChipModel.Circuit.Gates;
using NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;

namespace NeuroSim.Replay.ChipModel.Circuit.SubArrays;

public sealed partial class EnvmSubArray : SubArray
{
    /// <summary>Everything of a read that does not depend on the input vector (SubArray::CalculateLatency/Power).</summary>
    private sealed record ReadConstants(
        double WlReadLatency, double MuxPath, double ColDelay,
        double EncLatency, double ShiftAddLatency,
        double SlReadLatencyBP, double MuxPathBP, double RowDelay,
        double EncLatencyBP, double ShiftAddLatencyBP, double DffLatencyBP, double AdderLatencyBP,
        double MuxEnergy, double EncEnergy, double ShiftAddEnergy, double ArrayBitLineEnergy,
        double SlReadEnergyBP, double MuxEnergyBP, double EncEnergyBP, double ShiftAddEnergyBP, double DffEnergyBP, double AdderEnergyBP,
        double ArrayEnergyBP);

    private readonly ReadConstants _readConstants;

    private ReadConstants PrecomputeRead()
    {
        var s = _s;
        var c = _c;
        int numRow = s.NumRow, numCol = s.NumCol;
        var muxed = (double)s.NumColMuxed;
        // Column (bit-line) charging through the parallel cells (one cell when read row by row): 20 % swing is enough to sense.
        var tau = _rowByRow is not null ? CapCol * _res.ResMemCellAvg : CapCol * (_res.ResMemCellAvg / (numRow / 2));
        var colDelay = tau * 0.2 * s.NumColMuxed;
        var colRamp = Gate.Horowitz(tau, 1e20).RampOutput;
        var wlRead = _wlNew is not null ? _wlNew.Latency(_wlNewPlaced!, 1e20, CapRow2, ResRow, muxed, 0).Read
            : _wlSwitch is not null ? _wlSwitch.Latency(_wlSwitchPlaced!, 1e20, CapRow1, ResRow, muxed, 0).Read
            : 0;   // row by row: per row read, see ReadRowByRow
        double muxPath = 0, muxEnergy = 0;
        if (_mux is not null)
        {
            var loadsN = _mux.CapTgGateN * (numCol / s.NumColMuxed);
            var loadsP = _mux.CapTgGateP * (numCol / s.NumColMuxed);
            muxPath = _mux.ReadLatency(_muxPlaced!, 0, muxed) + _muxDecoder!.Latency(1e20, loadsN, loadsP, muxed).Delay;
            muxEnergy = _mux.ReadEnergy(_muxPlaced!, muxed) + _muxDecoder.Energy(muxed);
        }
        _ = colRamp;   // the mux takes the column ramp, but its delay does not depend on it
        var encLatency = _enc?.ReadLatency(1e20, muxed) ?? 0;
        // RD-105: V2.1's input-bit shift-add runs ceil(muxed / cells per synapse) times (integer division), its weight shift-add muxed times.
        var inputShifts = s.InputShiftAddReads(s.NumColMuxed);
        var shiftLatency = (_shiftAdd?.ReadLatency(inputShifts) ?? 0) + (_shiftAddWeight?.ReadLatency(muxed) ?? 0);
        var shiftEnergy = (_shiftAddWeight?.ReadEnergy(muxed) ?? 0) + (_shiftAdd?.ReadEnergy(inputShifts) ?? 0);
        var numReadCells = (int)Math.Ceiling((double)numCol / s.NumColMuxed);
        var capBL = LengthCol * 0.2e-15 / 1e-6;
        var bitLines = capBL * _cell.ReadVoltage * _cell.ReadVoltage * numReadCells;

        double slReadBP = 0, muxPathBP = 0, rowDelay = 0, encBP = 0, shiftBP = 0, dffBP = 0, adderBP = 0;
        double slEnergyBP = 0, muxEnergyBP = 0, encEnergyBP = 0, shiftEnergyBP = 0, dffEnergyBP = 0, adderEnergyBP = 0, arrayBP = 0;
        if (s.TrainingEstimation)
        {
            var f = c.F;
            var capRow = LengthRow * 0.2e-15 / 1e-6 + Gate.DrainCap(_res.WidthAccessCmos * f, TransistorKind.Nmos, _cell.WidthInFeatureSize * f, c.Tech) * numCol;
            var tauRow = _rowByRow is not null ? capRow * _res.ResMemCellAvg : capRow * (_res.ResMemCellAvg / (numCol / 2));
            rowDelay = tauRow * 0.2 * s.NumRowMuxedBP;
            var bpReads = !_serialBP ? s.NumRowMuxedBP : s.NumRowMuxedBP * numCol * SubArraySpec.ActivityBPColRead;
            slReadBP = _sl.Latency(_slPlaced, 1e20, CapCol, ResCol, bpReads, 0).Read;
            slEnergyBP = _sl.ReadEnergy(_slPlaced, bpReads, 0);
            if (_muxBP is not null)
            {
                var loadsN = _muxBP.CapTgGateN * (numRow / s.NumRowMuxedBP);
                var loadsP = _muxBP.CapTgGateP * (numRow / s.NumRowMuxedBP);
                _ = _muxBP.ReadLatency(_muxBPPlaced!, 0, s.NumRowMuxedBP) + _muxDecoderBP!.Latency(1e20, loadsN, loadsP, s.NumRowMuxedBP).Delay;
                muxEnergyBP = _muxBP.ReadEnergy(_muxBPPlaced!, s.NumRowMuxedBP) + _muxDecoderBP.Energy(s.NumRowMuxedBP);
                // RD-49 (reference quirk): the activation-gradient latency takes the BP mux's *energy* here.
                muxPathBP = muxEnergyBP;
            }
            var inputShiftsBP = s.InputShiftAddReads(s.NumRowMuxedBP);
            var shiftLatencyBP = _shiftAddBP!.ReadLatency(inputShiftsBP) + (_shiftAddWeightBP?.ReadLatency(s.NumRowMuxedBP) ?? 0);
            var shiftEnergyBPAll = _shiftAddBP.ReadEnergy(inputShiftsBP) + (_shiftAddWeightBP?.ReadEnergy(s.NumRowMuxedBP) ?? 0);
            if (!_serialBP)
            {
                encBP = _encBP?.ReadLatency(1e20, s.NumRowMuxedBP) ?? 0;
                shiftBP = shiftLatencyBP;
                encEnergyBP = _encBP?.ReadEnergy(s.NumRowMuxedBP) ?? 0;
                shiftEnergyBP = shiftEnergyBPAll;
                arrayBP = (bitLines + CapRow2 * c.Vdd * c.Vdd * numRow * SubArraySpec.ActivityBPColRead) * s.NumRowMuxedBP;
            }
            else
            {
                var reads = s.NumRowMuxedBP * numCol * SubArraySpec.ActivityBPColRead;
                var groups = Math.Ceiling((double)(numRow / s.NumRowMuxedBP));
                encBP = _encBP?.ReadLatency(1e20, reads) ?? 0;
                dffBP = _dffBP!.ReadLatency(reads);
                adderBP = _adderBP!.ReadLatency(1e20, _dffBP.CapTgDrain, reads).Delay;
                shiftBP = shiftLatencyBP;
                encEnergyBP = _encBP?.ReadEnergy(reads) ?? 0;
                dffEnergyBP = _dffBP.ReadEnergy(reads, groups * (_adderBP.NumBit + 1));
                adderEnergyBP = _adderBP.ReadEnergy(reads, (int)groups);
                shiftEnergyBP = shiftEnergyBPAll;
                arrayBP = (bitLines + CapRow2 * c.Vdd * c.Vdd) * numRow * SubArraySpec.ActivityBPColRead * s.NumRowMuxedBP;
            }
        }
        return new ReadConstants(wlRead, muxPath, colDelay, encLatency, shiftLatency,
            slReadBP, muxPathBP, rowDelay, encBP, shiftBP, dffBP, adderBP,
            muxEnergy, _enc?.ReadEnergy(muxed) ?? 0, shiftEnergy, bitLines,
            slEnergyBP, muxEnergyBP, encEnergyBP, shiftEnergyBP, dffEnergyBP, adderEnergyBP, arrayBP);
    }

    /// <summary>
    /// One input vector: <paramref name="activityRowRead"/> is the fraction of rows driven, and
    /// <paramref name="columnResistance"/> the resistance each column presents to its ADC.
    /// </summary>
    public override SubArrayRead Read(double activityRowRead, ReadOnlySpan<double> columnResistance) =>
        Read(activityRowRead, Sample(columnResistance));

    /// <summary>The sense amps' conversions of one input vector's columns (what of a read depends on the column resistances).</summary>
    public ReadSamples Sample(ReadOnlySpan<double> columnResistance)
    {
        var forward = _msa.Sample(columnResistance);
        if (_msaBP is null) return new ReadSamples(forward, default);
        return new ReadSamples(forward, _bpConvertsAsForward ? forward : _msaBP.Sample(columnResistance));
    }

    /// <summary>The sense amps whose conversions <see cref="Sample"/> gives: forward, and transposed in training.</summary>
    public (MultilevelSenseAmp Forward, MultilevelSenseAmp? Backward) SenseAmps => (_msa, _msaBP);

    /// <summary>
    /// One input vector from its conversions: <paramref name="activityRowRead"/> is the fraction of rows driven and
    /// <paramref name="samples"/> what the sense amps made of the columns' resistances (<see cref="Sample"/>).
    /// </summary>
    /// <param name="backward">Whether the transposed read (activation gradient) runs: in training, except for V2.1's first layer
    /// (RD-101), whose reads then have no activation-gradient part at all.</param>
    public SubArrayRead Read(double activityRowRead, in ReadSamples samples, bool backward = true)
    {
        var k = _readConstants;
        var s = _s;
        var (latency, adcLatency, accumLatency, otherLatency, energy, adcEnergy, accumEnergy, otherEnergy) = _rowByRow is null
            ? ReadAllRows(activityRowRead, samples.Forward)
            : ReadRowByRow(activityRowRead, samples.Forward);

        double latencyAG = 0, energyAG = 0;
        if (s.TrainingEstimation && backward)
        {
            const int pulsesBP = SubArraySpec.NumReadPulseBP;
            var frontBP = Math.Max(k.SlReadLatencyBP, k.MuxPathBP / pulsesBP);
            var bpReads = !_serialBP ? 1 : s.NumCol * SubArraySpec.ActivityBPColRead;
            var conversionBP = samples.Backward.Conversion;
            var msaBPLatency = conversionBP * s.NumRowMuxedBP * bpReads;
            var msaBPEnergy = MultilevelSenseAmp.ReadEnergy(samples.Backward, bpReads);
            latencyAG = frontBP + msaBPLatency + k.EncLatencyBP + k.AdderLatencyBP + k.DffLatencyBP + k.ShiftAddLatencyBP + k.RowDelay / pulsesBP;
            adcLatency += msaBPLatency + k.EncLatencyBP;
            accumLatency += k.AdderLatencyBP + k.DffLatencyBP + k.ShiftAddLatencyBP;
            otherLatency += frontBP + k.RowDelay / pulsesBP;
            var muxShareBP = k.MuxEnergyBP / pulsesBP;
            energyAG = k.SlReadEnergyBP + muxShareBP + msaBPEnergy + k.EncEnergyBP + k.DffEnergyBP + k.AdderEnergyBP + k.ShiftAddEnergyBP + k.ArrayEnergyBP;
            adcEnergy += msaBPEnergy + k.EncEnergyBP + k.ArrayEnergyBP;
            accumEnergy += k.DffEnergyBP + k.AdderEnergyBP + k.ShiftAddEnergyBP;
            otherEnergy += k.SlReadEnergyBP + muxShareBP;
        }
        return new SubArrayRead(latency, latencyAG, adcLatency, accumLatency, otherLatency, energy, energyAG, adcEnergy, accumEnergy, otherEnergy);
    }

    private readonly record struct ForwardRead(
        double Latency, double AdcLatency, double AccumLatency, double OtherLatency,
        double Energy, double AdcEnergy, double AccumEnergy, double OtherEnergy);

    /// <summary>All driven rows at once; the multilevel sense amps convert each column's summed current.</summary>
    private ForwardRead ReadAllRows(double activityRowRead, AdcSample sample)
    {
        var k = _readConstants;
        var s = _s;
        var muxed = (double)s.NumColMuxed;
        var conversion = sample.Conversion;
        var msaLatency = conversion * muxed;
        var msaEnergy = MultilevelSenseAmp.ReadEnergy(sample, 1);
        var front = Math.Max(k.WlReadLatency, k.MuxPath / s.NumReadPulse);
        var latency = front + msaLatency + k.EncLatency + k.ShiftAddLatency + k.ColDelay / s.NumReadPulse;

        var wlEnergy = _wlNew is not null
            ? _wlNew.ReadEnergy(_wlNewPlaced!, muxed, activityRowRead)
            : _wlSwitch!.ReadEnergy(_wlSwitchPlaced!, muxed, activityRowRead);
        var array = (k.ArrayBitLineEnergy + CapRow2 * _c.Vdd * _c.Vdd * s.NumRow * activityRowRead) * muxed;
        var muxShare = k.MuxEnergy / s.NumReadPulse;
        var energy = wlEnergy + muxShare + msaEnergy + k.EncEnergy + k.ShiftAddEnergy + array;
        return new ForwardRead(latency, msaLatency + k.EncLatency, k.ShiftAddLatency, front + k.ColDelay / s.NumReadPulse,
            energy, array + msaEnergy + k.EncEnergy, k.ShiftAddEnergy, wlEnergy + muxShare);
    }

    /// <summary>
    /// The driven rows one after another (SubArray.cpp conventionalSequential): each row (and mux position) is
    /// decoded, sensed at the cell's levels and added into the column's register. As in the reference (RD-50), the
    /// forward read's dynamic energy leaves out the sense amps and encoders (they count in the ADC breakdown only).
    /// </summary>
    private ForwardRead ReadRowByRow(double activityRowRead, AdcSample sample)
    {
        var k = _readConstants;
        var s = _s;
        var rows = _rowByRow!;
        var muxed = (double)s.NumColMuxed;
        var numRead = s.NumRow * activityRowRead * muxed;          // rows × mux positions
        // RD-26: the accumulation count multiplied in the reference's order (the last bit reaches the output).
        var numAccumulate = muxed * s.NumRow * activityRowRead;    // the same count, in the reference's order for the adders
        var numReadCells = Math.Ceiling((double)s.NumCol / s.NumColMuxed);

        var conversion = sample.Conversion;
        var msaLatency = conversion * muxed * (s.NumRow * activityRowRead);
        var encLatency = _enc?.ReadLatency(1e20, numAccumulate) ?? 0;
        var adderLatency = _adder!.ReadLatency(1e20, _dff!.CapTgDrain, numAccumulate).Delay;
        var dffLatency = _dff.ReadLatency(numAccumulate);
        var front = Math.Max(rows.Latency(numRead), k.MuxPath / s.NumReadPulse);
        var latency = front + msaLatency + encLatency + adderLatency + dffLatency + k.ShiftAddLatency + k.ColDelay / s.NumReadPulse;

        var wlEnergy = rows.ReadEnergy(numRead, numReadCells);
        var muxShare = k.MuxEnergy / s.NumReadPulse;
        var msaEnergy = MultilevelSenseAmp.ReadEnergy(sample, s.NumRow * activityRowRead);
        var encEnergy = _enc?.ReadEnergy(numRead) ?? 0;
        var adderEnergy = _adder.ReadEnergy(numAccumulate, (int)numReadCells);
        var dffEnergy = _dff.ReadEnergy(numAccumulate, numReadCells * (_adder.NumBit + 1));
        var array = (k.ArrayBitLineEnergy + CapRow2 * _c.Vdd * _c.Vdd) * numRead;
        var energy = wlEnergy + muxShare + adderEnergy + dffEnergy + k.ShiftAddEnergy + array;
        // RD-115 (V2.1): a SAR ADC's energy is in the row-by-row read's energy, where the sense amps' is not (RD-50).
        if (_msa.Kind == ColumnAdcKind.Sar) energy += msaEnergy;
        return new ForwardRead(latency, msaLatency + encLatency, adderLatency + dffLatency + k.ShiftAddLatency, front + k.ColDelay / s.NumReadPulse,
            energy, array + msaEnergy + encEnergy, adderEnergy + dffEnergy + k.ShiftAddEnergy, wlEnergy + muxShare);
    }

    /// <summary>The weight update of this subarray (SubArray::CalculateLatency/Power, write part).</summary>
    public override SubArrayWrite Write(WriteActivity w, bool backward = true)
    {
        var s = _s;
        var numWriteOperationPerRow = (int)Math.Ceiling((double)s.NumCol * w.ActivityColWrite / s.NumWriteCellPerOperationNeuro);
        var numWrite = 2 * numWriteOperationPerRow * s.NumRow * w.ActivityRowWrite;
        var muxed = (double)s.NumColMuxed;
        // Row by row (RD-42): the decoder opens each row to write; the reference's cross-point driver adds up its write delay
        // over every call it ever gets (it never resets it), which ends in infinity — we take one write's delay per write.
        var wlWrite = _rowByRow is not null ? _rowByRow.Latency(numWrite)
            : _wlNew is not null ? _wlNew.Latency(_wlNewPlaced!, 1e20, CapRow2, ResRow, muxed, numWrite).Write
            : _wlSwitch!.Latency(_wlSwitchPlaced!, 1e20, CapRow1, ResRow, muxed, numWrite).Write;
        var sl = _sl.Latency(_slPlaced, 1e20, CapCol, ResCol, 0, numWrite);
        var latency = Math.Max(wlWrite, sl.Write) + w.TotalNumWritePulse * _cell.WritePulseWidth;

        var wlEnergy = _rowByRow is not null ? _rowByRow.WriteEnergy(numWrite, s.NumCol)
            : _wlNew is not null ? _wlNew.WriteEnergy(_wlNewPlaced!, numWrite, muxed)
            : _wlSwitch!.WriteEnergy(_wlSwitchPlaced!, numWrite, w.ActivityColWrite, muxed);
        // RD-51: the column switch matrix's last power evaluation (the transposed read in training) sets its write energy.
        // RD-113: without a transposed read (V2.1's first layer) the forward evaluation (no reads) is the last.
        var slReads = !s.TrainingEstimation || !backward ? 0 : !_serialBP ? s.NumRowMuxedBP : s.NumRowMuxedBP * s.NumCol * SubArraySpec.ActivityBPColRead;
        var slEnergy = _sl.WriteEnergy(_slPlaced, numWrite, w.ActivityColWrite, slReads);
        return new SubArrayWrite(latency, wlEnergy + slEnergy + w.WriteEnergyArray);
    }
}
