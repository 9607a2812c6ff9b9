using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Interconnect;

/// <summary>
/// Repeater sizing shared by buses and H-trees (NeuroSim Bus.cpp/HTree.cpp): the delay-optimal repeater
/// size and spacing for a wire of 0.2 fF/µm and the given resistance, then (with a delay tolerance)
/// smaller repeaters spaced 10 % closer each step until the delay exceeds (1 + tolerance) × optimum.
/// </summary>
public readonly record struct RepeatedWire(int RepeaterSize, double MinDist, double WidthInvN, double WidthInvP)
{
    public const double UnitLengthWireCap = 0.2e-15 / 1e-6;

    /// <param name="halving">H-trees halve the repeater size each step; buses step it down by one.</param>
    public static RepeatedWire Size(CircuitContext c, double unitLengthWireResistance, double delayTolerance, bool halving)
    {
        var t = c.Tech;
        var f = c.F;
        var h = f * MaxTransistorHeight;
        var wN = MinNmosSize * f;
        var wP = t.PnSizeRatio * MinNmosSize * f;
        var minInv = Gate.Area(GateType.Inv, 1, wN, wP, h, t);
        var (cIn, cOut) = Gate.Capacitance(GateType.Inv, 1, wN, wP, minInv.Height, t);
        var rOn = Gate.OnResistance(wN, TransistorKind.Nmos, c.Temperature, t) + Gate.OnResistance(wP, TransistorKind.Pmos, c.Temperature, t);
        var size = (int)Math.Floor(Math.Sqrt(rOn * UnitLengthWireCap / cIn / unitLengthWireResistance));
        var minDist = Math.Sqrt(2 * rOn * (cOut + cIn) / (unitLengthWireResistance * UnitLengthWireCap));
        double UnitDelay(int s, double dist)
        {
            var rep = Gate.Area(GateType.Inv, 1, MinNmosSize * f * s, t.PnSizeRatio * MinNmosSize * f * s, h, t);
            var (ri, ro) = Gate.Capacitance(GateType.Inv, 1, MinNmosSize * f * s, t.PnSizeRatio * MinNmosSize * f * s, rep.Height, t);
            var r = Gate.OnResistance(MinNmosSize * f * s, TransistorKind.Nmos, c.Temperature, t) + Gate.OnResistance(t.PnSizeRatio * MinNmosSize * f * s, TransistorKind.Pmos, c.Temperature, t);
            return 0.7 * (r * (ri + ro + UnitLengthWireCap * dist) + 0.5 * unitLengthWireResistance * dist * UnitLengthWireCap * dist
                + unitLengthWireResistance * dist * ri) / dist;
        }
        if (delayTolerance != 0)
        {
            var minDelay = UnitDelay(size, minDist);
            double delay = 0;
            while (delay < minDelay * (1 + delayTolerance) && (halving || size >= 1))
            {
                if (halving) size /= 2;
                else size -= 1;
                minDist *= 0.9;
                delay = UnitDelay(size, minDist);
            }
        }
        var k = Math.Max(1, size);
        return new RepeatedWire(size, minDist, k * MinNmosSize * f, k * t.PnSizeRatio * MinNmosSize * f);
    }
}
