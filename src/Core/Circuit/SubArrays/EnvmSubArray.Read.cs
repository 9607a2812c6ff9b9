using NeuroSim.Replay.Core.Circuit.Cells;
using NeuroSim.Replay.Core.Circuit.Gates;

namespace NeuroSim.Replay.Core.Circuit.SubArrays;

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
        // Column (bit-line) charging through the parallel cells: 20 % swing is enough to sense.
        var tau = CapCol * (_res.ResMemCellAvg / (numRow / 2));
        var colDelay = tau * 0.2 * s.NumColMuxed;
        var colRamp = Gate.Horowitz(tau, 1e20).RampOutput;
        var wlRead = _wlNew is not null
            ? _wlNew.Latency(_wlNewPlaced!, 1e20, CapRow2, ResRow, muxed, 0).Read
            : _wlSwitch!.Latency(_wlSwitchPlaced!, 1e20, CapRow1, ResRow, muxed, 0).Read;
        double muxPath = 0, muxEnergy = 0;
        if (_mux is not null)
        {
            var loadsN = _mux.CapTgGateN * (numCol / s.NumColMuxed);
            var loadsP = _mux.CapTgGateP * (numCol / s.NumColMuxed);
            muxPath = _mux.ReadLatency(_muxPlaced!, 0, muxed) + _muxDecoder!.Latency(1e20, loadsN, loadsP, muxed).Delay;
            muxEnergy = _mux.ReadEnergy(_muxPlaced!, muxed) + _muxDecoder.Energy(muxed);
        }
        _ = colRamp;   // the mux takes the column ramp, but its delay does not depend on it
        var encLatency = _enc.ReadLatency(1e20, muxed);
        var shiftLatency = _shiftAdd?.ReadLatency(muxed) ?? 0;
        var numReadCells = (int)Math.Ceiling((double)numCol / s.NumColMuxed);
        var capBL = LengthCol * 0.2e-15 / 1e-6;
        var bitLines = capBL * _cell.ReadVoltage * _cell.ReadVoltage * numReadCells;

        double slReadBP = 0, muxPathBP = 0, rowDelay = 0, encBP = 0, shiftBP = 0, dffBP = 0, adderBP = 0;
        double slEnergyBP = 0, muxEnergyBP = 0, encEnergyBP = 0, shiftEnergyBP = 0, dffEnergyBP = 0, adderEnergyBP = 0, arrayBP = 0;
        if (s.TrainingEstimation)
        {
            var f = c.F;
            var capRow = LengthRow * 0.2e-15 / 1e-6 + Gate.DrainCap(_res.WidthAccessCmos * f, TransistorKind.Nmos, _cell.WidthInFeatureSize * f, c.Tech) * numCol;
            var tauRow = capRow * (_res.ResMemCellAvg / (numCol / 2));
            rowDelay = tauRow * 0.2 * s.NumRowMuxedBP;
            var bpReads = s.ParallelBP ? s.NumRowMuxedBP : s.NumRowMuxedBP * numCol * SubArraySpec.ActivityBPColRead;
            slReadBP = _sl.Latency(_slPlaced, 1e20, CapCol, ResCol, bpReads, 0).Read;
            slEnergyBP = _sl.ReadEnergy(_slPlaced, bpReads, 0);
            if (_muxBP is not null)
            {
                var loadsN = _muxBP.CapTgGateN * (numRow / s.NumRowMuxedBP);
                var loadsP = _muxBP.CapTgGateP * (numRow / s.NumRowMuxedBP);
                _ = _muxBP.ReadLatency(_muxBPPlaced!, 0, s.NumRowMuxedBP) + _muxDecoderBP!.Latency(1e20, loadsN, loadsP, s.NumRowMuxedBP).Delay;
                muxEnergyBP = _muxBP.ReadEnergy(_muxBPPlaced!, s.NumRowMuxedBP) + _muxDecoderBP.Energy(s.NumRowMuxedBP);
                // Reference quirk: the activation-gradient latency takes the BP mux's *energy* here.
                muxPathBP = muxEnergyBP;
            }
            if (s.ParallelBP)
            {
                encBP = _encBP!.ReadLatency(1e20, s.NumRowMuxedBP);
                shiftBP = _shiftAddBP!.ReadLatency(s.NumRowMuxedBP);
                encEnergyBP = _encBP.ReadEnergy(s.NumRowMuxedBP);
                shiftEnergyBP = _shiftAddBP.ReadEnergy(s.NumRowMuxedBP);
                arrayBP = (bitLines + CapRow2 * c.Vdd * c.Vdd * numRow * SubArraySpec.ActivityBPColRead) * s.NumRowMuxedBP;
            }
            else
            {
                var reads = s.NumRowMuxedBP * numCol * SubArraySpec.ActivityBPColRead;
                var groups = Math.Ceiling((double)(numRow / s.NumRowMuxedBP));
                encBP = _encBP?.ReadLatency(1e20, reads) ?? 0;
                dffBP = _dffBP!.ReadLatency(reads);
                adderBP = _adderBP!.ReadLatency(1e20, _dffBP.CapTgDrain, reads).Delay;
                shiftBP = _shiftAddBP!.ReadLatency(s.NumRowMuxedBP);
                encEnergyBP = _encBP?.ReadEnergy(reads) ?? 0;
                dffEnergyBP = _dffBP.ReadEnergy(reads, groups * (_adderBP.NumBit + 1));
                adderEnergyBP = _adderBP.ReadEnergy(reads, (int)groups);
                shiftEnergyBP = _shiftAddBP.ReadEnergy(s.NumRowMuxedBP);
                arrayBP = (bitLines + CapRow2 * c.Vdd * c.Vdd) * numRow * SubArraySpec.ActivityBPColRead * s.NumRowMuxedBP;
            }
        }
        return new ReadConstants(wlRead, muxPath, colDelay, encLatency, shiftLatency,
            slReadBP, muxPathBP, rowDelay, encBP, shiftBP, dffBP, adderBP,
            muxEnergy, _enc.ReadEnergy(muxed), _shiftAdd?.ReadEnergy(muxed) ?? 0, bitLines,
            slEnergyBP, muxEnergyBP, encEnergyBP, shiftEnergyBP, dffEnergyBP, adderEnergyBP, arrayBP);
    }

    /// <summary>
    /// One input vector: <paramref name="activityRowRead"/> is the fraction of rows driven, and
    /// <paramref name="columnResistance"/> the resistance each column presents to its ADC.
    /// </summary>
    public override SubArrayRead Read(double activityRowRead, ReadOnlySpan<double> columnResistance)
    {
        var k = _readConstants;
        var s = _s;
        var muxed = (double)s.NumColMuxed;
        var conversion = _msa.ConversionLatency(columnResistance);
        var msaLatency = conversion * muxed;
        var msaEnergy = _msa.ReadEnergy(columnResistance, conversion, 1);
        var front = Math.Max(k.WlReadLatency, k.MuxPath / s.NumReadPulse);
        var latency = front + msaLatency + k.EncLatency + k.ShiftAddLatency + k.ColDelay / s.NumReadPulse;
        var adcLatency = msaLatency + k.EncLatency;
        var accumLatency = k.ShiftAddLatency;
        var otherLatency = front + k.ColDelay / s.NumReadPulse;

        var wlEnergy = _wlNew is not null
            ? _wlNew.ReadEnergy(_wlNewPlaced!, muxed, activityRowRead)
            : _wlSwitch!.ReadEnergy(_wlSwitchPlaced!, muxed, activityRowRead);
        var array = (k.ArrayBitLineEnergy + CapRow2 * _c.Vdd * _c.Vdd * s.NumRow * activityRowRead) * muxed;
        var muxShare = k.MuxEnergy / s.NumReadPulse;
        var energy = wlEnergy + muxShare + msaEnergy + k.EncEnergy + k.ShiftAddEnergy + array;
        var adcEnergy = array + msaEnergy + k.EncEnergy;
        var accumEnergy = k.ShiftAddEnergy;
        var otherEnergy = wlEnergy + muxShare;

        double latencyAG = 0, energyAG = 0;
        if (s.TrainingEstimation)
        {
            const int pulsesBP = SubArraySpec.NumReadPulseBP;
            var frontBP = Math.Max(k.SlReadLatencyBP, k.MuxPathBP / pulsesBP);
            var bpReads = s.ParallelBP ? 1 : s.NumCol * SubArraySpec.ActivityBPColRead;
            var conversionBP = _msaBP!.ConversionLatency(columnResistance);
            var msaBPLatency = conversionBP * s.NumRowMuxedBP * bpReads;
            var msaBPEnergy = _msaBP.ReadEnergy(columnResistance, conversionBP, bpReads);
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

    /// <summary>The weight update of this subarray (SubArray::CalculateLatency/Power, write part).</summary>
    public override SubArrayWrite Write(WriteActivity w)
    {
        var s = _s;
        var numWriteOperationPerRow = (int)Math.Ceiling((double)s.NumCol * w.ActivityColWrite / s.NumWriteCellPerOperationNeuro);
        var numWrite = 2 * numWriteOperationPerRow * s.NumRow * w.ActivityRowWrite;
        var muxed = (double)s.NumColMuxed;
        var wl = _wlNew is not null
            ? _wlNew.Latency(_wlNewPlaced!, 1e20, CapRow2, ResRow, muxed, numWrite)
            : _wlSwitch!.Latency(_wlSwitchPlaced!, 1e20, CapRow1, ResRow, muxed, numWrite);
        var sl = _sl.Latency(_slPlaced, 1e20, CapCol, ResCol, 0, numWrite);
        var latency = Math.Max(wl.Write, sl.Write) + w.TotalNumWritePulse * _cell.WritePulseWidth;

        var wlEnergy = _wlNew is not null
            ? _wlNew.WriteEnergy(_wlNewPlaced!, numWrite, muxed)
            : _wlSwitch!.WriteEnergy(_wlSwitchPlaced!, numWrite, w.ActivityColWrite, muxed);
        // The column switch matrix's last power evaluation (the transposed read in training) sets its write energy.
        var slReads = !s.TrainingEstimation ? 0 : s.ParallelBP ? s.NumRowMuxedBP : s.NumRowMuxedBP * s.NumCol * SubArraySpec.ActivityBPColRead;
        var slEnergy = _sl.WriteEnergy(_slPlaced, numWrite, w.ActivityColWrite, slReads);
        return new SubArrayWrite(latency, wlEnergy + slEnergy + w.WriteEnergyArray);
    }
}
