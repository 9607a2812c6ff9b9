using NeuroSim.Replay.ChipModel.Circuit.Gates;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Interconnect;

/// <summary>
/// An H-tree connecting a grid of units (PEs in a tile, tiles on the chip) with repeated wires
/// (NeuroSim HTree.cpp). Wider wires for long stages; the main bus runs from the center to the edge.
/// </summary>
public sealed class HTree
{
    private readonly CircuitContext _c;
    private readonly int _wireWidthNm;
    private readonly RepeatedWire _wire;
    private readonly double _hInv, _wInv, _capInvIn, _capInvOut;
    private readonly double _mainBusUnits;

    /// <param name="wireWidthNm">Param.cpp's wireWidth (nm), which sets the resistance of the tree's wires.</param>
    public HTree(CircuitContext c, int numRow, int numCol, double delayTolerance, double busWidth, double unitLengthWireResistance, int wireWidthNm)
    {
        _c = c;
        _wireWidthNm = wireWidthNm;
        NumRow = numRow;
        NumCol = numCol;
        BusWidth = busWidth;
        NumStage = 2 * Math.Ceiling(Math.Log2(Math.Max(numRow, numCol))) + 1;   // N vertical, N + 1 horizontal stages
        _wire = RepeatedWire.Size(c, unitLengthWireResistance, delayTolerance, halving: true);
        var inv = Gate.Area(GateType.Inv, 1, _wire.WidthInvN, _wire.WidthInvP, c.F * MaxTransistorHeight, c.Tech);
        (_hInv, _wInv) = (inv.Height, inv.Width);
        (_capInvIn, _capInvOut) = Gate.Capacitance(GateType.Inv, 1, _wire.WidthInvN, _wire.WidthInvP, inv.Height, c.Tech);
        // Center point, moved in from the edge (over-routing constraint 1) for unbalanced trees.
        var xCenter = (int)Math.Floor(Math.Log2(Math.Min(numRow, numCol)));
        if (numCol - xCenter < 1) xCenter -= 1;
        XCenter = xCenter;
        _mainBusUnits = Math.Min(numCol - xCenter, xCenter);
    }

    public int NumRow { get; }
    public int NumCol { get; }
    public double BusWidth { get; }
    public double NumStage { get; }
    public int XCenter { get; }
    public double MinDist => _wire.MinDist;

    /// <summary>Area (folded by <paramref name="foldedRatio"/>) and the total wire length that sets the leakage.</summary>
    public (double Area, double TotalWireLength) Layout(double unitHeight, double unitWidth, double foldedRatio)
    {
        double area = 0, total = 0, widV = 0, widH = 0;
        var half = (NumStage - 1) / 2;
        var lenV = unitHeight * Math.Pow(2, half) / 2;
        var lenH = unitWidth * Math.Pow(2, half) / 2;
        for (var i = 1; i < half; i++)
        {
            lenV /= 2;
            // RD-47: a stage without repeaters would take the wire's own width; the reference leaves that width
            // undefined, but every stage of positive length has repeaters.
            widV += BusWidth * (Math.Ceiling(lenV / MinDist) > 0 ? _wInv : 0) / foldedRatio;
            area += widV * lenV / 2;
            lenH /= 2;
            widH += BusWidth * (Math.Ceiling(lenH / MinDist) > 0 ? _hInv : 0) / foldedRatio;
            area += widH * lenH / 2;
            total += lenV + lenH;
        }
        total += _mainBusUnits * unitWidth;
        area += BusWidth * _hInv / foldedRatio * _mainBusUnits * unitWidth;
        return (area, total);
    }

    public double Leakage(double totalWireLength) =>
        Gate.Leakage(GateType.Inv, 1, _wire.WidthInvN, _wire.WidthInvP, _c.Temperature, _c.Tech) * _c.Vdd / MinDist * totalWireLength;

    /// <summary>
    /// Where a leaf-to-leaf transfer meets in the tree. RD-45: the reference finds it once and then keeps it for
    /// every later transfer of the same tree, so it is passed along explicitly.
    /// </summary>
    /// <remarks>It also carries the last per-length repeater and wire latencies the tree computed, which the
    /// reference reuses for the top stage of leaf-to-leaf transfers.</remarks>
    public readonly record struct Route(bool Hit, double FindStage, bool SkipVertical, double LastUnitLatencyRep, double LastUnitLatencyWire)
    {
        public static Route Start => default;
    }

    private double UnitLatencyRep(double unitWireRes)
    {
        var rOn = RepeaterResistance();
        var d = MinDist;
        var cw = RepeatedWire.UnitLengthWireCap;
        return 0.7 * (rOn * (_capInvIn + _capInvOut + cw * d) + 0.5 * unitWireRes * d * cw * d + unitWireRes * d * _capInvIn) / d;
    }

    private double RepeaterResistance() =>
        Gate.OnResistance(_wire.WidthInvN, TransistorKind.Nmos, _c.Temperature, _c.Tech) + Gate.OnResistance(_wire.WidthInvP, TransistorKind.Pmos, _c.Temperature, _c.Tech);

    /// <summary>
    /// Latency of a transfer between (x0, y0) and (x1, y1); a transfer touching (0, 0) goes root ↔ leaf.
    /// Returns the route state to use for the next leaf-to-leaf transfer of this tree.
    /// </summary>
    /// <remarks>
    /// RD-44: the reference (HTree::CalculateLatency) reads the per-stage wire resistance before it computes it
    /// (an uninitialized local): each stage uses the previous stage's value. Before the first stage the
    /// -O3 build of the reference holds whatever its caller left in the register, passed here as
    /// <paramref name="firstStageResistance"/> (see the call sites; 0 where the caller's value is negligible).
    /// </remarks>
    public (double Latency, Route Route) ReadLatency(int x0, int y0, int x1, int y1, double unitHeight, double unitWidth, double numRead, Route route,
        double firstStageResistance = 0)
    {
        double latency = 0;
        var half = (NumStage - 1) / 2;
        var lenV = unitHeight * Math.Pow(2, half);
        var lenH = unitWidth * Math.Pow(2, half);
        double stageRes = firstStageResistance, latRep = route.LastUnitLatencyRep, latWire = route.LastUnitLatencyWire;
        void Stage(ref double len, bool halve)
        {
            if (halve) len /= 2;
            stageRes = UnitLengthResistance(len);
            latency += len * (Math.Ceiling(len / MinDist) > 0 ? latRep : latWire);
        }
        if ((x0 == 0 && y0 == 0) || (x1 == 0 && y1 == 0))
        {
            for (var i = 0; i < half; i++)
            {
                latRep = UnitLatencyRep(stageRes);
                latWire = 0.7 * stageRes * MinDist * RepeatedWire.UnitLengthWireCap * MinDist / MinDist;
                Stage(ref lenV, true);
                Stage(ref lenH, true);
            }
            latency += _mainBusUnits * unitWidth * latRep;
            return (latency * numRead, route with { LastUnitLatencyRep = latRep, LastUnitLatencyWire = latWire });
        }
        var r = route;
        while (!r.Hit && r.FindStage < half)
        {
            var maxDiff = Math.Pow(2, half - r.FindStage - 1) - 1;
            if (Math.Abs(x0 - x1) > maxDiff || Math.Abs(y0 - y1) > maxDiff)
                r = r with { Hit = true, SkipVertical = r.SkipVertical || (Math.Abs(x0 - x1) < maxDiff && Math.Abs(y0 - y1) > maxDiff) };
            else r = r with { FindStage = r.FindStage + 1 };
        }
        lenV /= Math.Pow(2, r.FindStage);
        lenH /= Math.Pow(2, r.FindStage);
        latency += lenH * (Math.Ceiling(lenH / MinDist) > 0 ? latRep : latWire);
        if (!r.SkipVertical) latency += lenV * (Math.Ceiling(lenV / MinDist) > 0 ? latRep : latWire);
        for (var i = r.FindStage + 1; i < half; i++)
        {
            latRep = UnitLatencyRep(stageRes);
            latWire = 0.7 * stageRes * MinDist * RepeatedWire.UnitLengthWireCap * MinDist / MinDist;
            Stage(ref lenV, true);
            Stage(ref lenH, true);
        }
        return (latency * numRead, r with { LastUnitLatencyRep = latRep, LastUnitLatencyWire = latWire });
    }

    /// <summary>Dynamic energy of moving <paramref name="numBitAccess"/> bits, <paramref name="numRead"/> times.</summary>
    public double ReadEnergy(int x0, int y0, int x1, int y1, double unitHeight, double unitWidth, double numBitAccess, double numRead, Route route)
    {
        var v2 = _c.Vdd * _c.Vdd;
        var d = MinDist;
        var cw = RepeatedWire.UnitLengthWireCap;
        var rep = (_capInvIn + _capInvOut + cw * d) * v2 / d * 0.25;
        var wire = cw * d * v2 / d * 0.25;
        double e = 0;
        var half = (NumStage - 1) / 2;
        var lenV = unitHeight * Math.Pow(2, half) / 2;
        var lenH = unitWidth * Math.Pow(2, half) / 2;
        double Cost(double len) => len * (Math.Ceiling(len / d) > 0 ? rep : wire);
        if ((x0 == 0 && y0 == 0) || (x1 == 0 && y1 == 0))
        {
            for (var i = 0; i < half; i++)
            {
                lenV /= 2;
                e += Cost(lenV);
                lenH /= 2;
                e += Cost(lenH);
            }
            e += _mainBusUnits * unitWidth * rep;
            return e * numBitAccess * numRead;
        }
        lenV /= Math.Pow(2, route.FindStage);
        lenH /= Math.Pow(2, route.FindStage);
        e += Cost(lenH);
        if (!route.SkipVertical) e += Cost(lenV);
        for (var i = route.FindStage + 1; i < half; i++)
        {
            lenV /= 2;
            e += Cost(lenV);
            lenH /= 2;
            e += Cost(lenH);
        }
        return e * numBitAccess * numRead;
    }

    /// <summary>
    /// Resistance per metre of a tree wire (HTree::GetUnitLengthRes): wires longer than 1e5 F are 4x the base
    /// width, others 2x (RD-46: the reference's range test "1e4 ≤ x ≤ 1e5" is always true in C++). Widths below
    /// 200 nm all take the 100–200 nm resistivity, for the same reason.
    /// </summary>
    public double UnitLengthResistance(double wireLength)
    {
        double width = wireLength / _c.F >= 100000 ? 4 * _wireWidthNm : 2 * _wireWidthNm;
        var (ar, rho) = width >= 200 ? (2.10, 2.42e-8) : (2.30, 2.73e-8);
        // RD-103 (V2.1 HTree.cpp GetUnitLengthRes): resistivity × (1 + 0.00451·(T − 300)), signed here (Param's factor takes |T − 300|).
        if (_c.Model == Hardware.ReferenceVersion.V21) rho *= 1 + 0.00451 * (_c.Temperature - 300);
        return width == -1 ? 1.0 : rho / (width * 1e-9 * width * 1e-9 * ar);
    }
}
