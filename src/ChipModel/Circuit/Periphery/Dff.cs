using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>
/// A bank of D flip-flops (NeuroSim DFF.cpp): each is taken as 12 minimum inverters in layout; energy
/// counts the clock inverters and transmission gates of every DFF and the D→Q path of the active ones.
/// </summary>
public sealed class Dff
{
    private readonly CircuitContext _c;
    private readonly double _widthN, _widthP, _capInvInput, _capInvOutput, _capTgGateN, _capTgGateP, _capTgDrain;
    private readonly double _hInv, _wInv;

    public Dff(CircuitContext c, int numDff, double clkFreq)
    {
        _c = c;
        NumDff = numDff;
        ClkFreq = clkFreq;
        var f = c.F;
        _widthN = MinNmosSize * f;
        _widthP = c.Tech.PnSizeRatio * MinNmosSize * f;
        var inv = Gate.Area(GateType.Inv, 1, _widthN, _widthP, f * MaxTransistorHeight, c.Tech);
        (_hInv, _wInv) = (inv.Height, inv.Width);
        (_capInvInput, _capInvOutput) = Gate.Capacitance(GateType.Inv, 1, _widthN, _widthP, _hInv, c.Tech);
        _capTgGateN = Gate.GateCap(_widthN, c.Tech);
        _capTgGateP = Gate.GateCap(_widthP, c.Tech);
        _capTgDrain = Gate.Capacitance(GateType.Inv, 1, _widthN, _widthP, _hInv, c.Tech).Output;
        Leakage = Gate.Leakage(GateType.Inv, 1, _widthN, _widthP, c.Temperature, c.Tech) * c.Vdd * 8 * numDff;
    }

    public int NumDff { get; }

    /// <summary>Drain capacitance of a DFF's transmission gate (what an adder output drives).</summary>
    public double CapTgDrain => _capTgDrain;
    public double ClkFreq { get; }

    /// <summary>Leakage power (W).</summary>
    public double Leakage { get; }

    /// <summary>
    /// Layout: one row by default; in columns when a height is given, in rows when a width is given.
    /// </summary>
    public Footprint Layout(double newHeight = 0, double newWidth = 0, AreaModify option = AreaModify.None)
    {
        var hDff = _hInv;
        var wDff = _wInv * 12;
        double height, width;
        if (newHeight != 0 && option == AreaModify.None)
        {
            var perColumn = Math.Min((int)(newHeight / hDff), NumDff);
            height = newHeight;
            width = wDff * CeilDiv(NumDff, perColumn);
        }
        else if (newWidth != 0 && option == AreaModify.None)
        {
            var perRow = Math.Min((int)(newWidth / wDff), NumDff);
            width = newWidth;
            height = hDff * CeilDiv(NumDff, perRow);
        }
        else
        {
            width = wDff * NumDff;
            height = hDff;
        }
        return Footprint.Of(height, width).Fit(newHeight, newWidth, option);
    }

    /// <summary>Half a clock period per read.</summary>
    public double ReadLatency(double numRead) => 1 / ClkFreq / 2 * numRead;

    /// <summary>Dynamic energy of <paramref name="numRead"/> clock cycles with <paramref name="numDffPerOperation"/> DFFs switching.</summary>
    public double ReadEnergy(double numRead, double numDffPerOperation)
    {
        var v2 = _c.Vdd * _c.Vdd;
        var active = Math.Min(numDffPerOperation, NumDff);
        double e = 0;
        e += (_capInvInput + _capInvOutput) * v2 * 4 * NumDff;        // clock inverters
        e += _capTgGateN * v2 * 2 * NumDff;                            // clock transmission gates
        e += _capTgGateP * v2 * 2 * NumDff;
        e += (_capTgDrain * 3 + _capInvInput) * v2 * active;           // D input side
        e += (_capTgDrain + _capInvOutput) * v2 * active;              // D feedback side
        e += (_capInvInput + _capInvOutput) * v2 * active;             // Q output side
        return e * numRead;
    }

    /// <summary>RD-27: ceil(a/b) as the reference computes it; a zero divisor (no room for one unit) gives int.MinValue as the C++ cast does on x86.</summary>
    internal static int CeilDiv(int a, int b) => b == 0 ? int.MinValue : (int)Math.Ceiling((double)a / b);
}
