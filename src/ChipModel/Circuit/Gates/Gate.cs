using NeuroSim.Replay.ChipModel.Circuit.Technology;
using static NeuroSim.Replay.ChipModel.Circuit.Gates.LayoutRules;

namespace NeuroSim.Replay.ChipModel.Circuit.Gates;

/// <summary>Layout of a logic gate: width × fixed height.</summary>
public readonly record struct GateLayout(double Area, double Height, double Width);

/// <summary>Input (gate) and output (drain) capacitance of a logic gate (F).</summary>
public readonly record struct GateCaps(double Input, double Output);

/// <summary>A delay and the ramp (slope) it hands to the next stage.</summary>
public readonly record struct RampedDelay(double Delay, double RampOutput);

/// <summary>
/// Transistor-level formulas of the circuit model (NeuroSim formula.cpp, after CACTI/NVSim): gate
/// capacitance, standard-cell area with transistor folding, drain capacitance, leakage, on-resistance,
/// transconductance and Horowitz's delay model. Widths are in metres. FinFET nodes (&lt; 22 nm) count
/// whole fins; the reference's quirks that change numbers are kept and marked (RD-21..RD-25; RD-09 is a fix).
/// </summary>
public static class Gate
{
    /// <summary>Gate capacitance of a transistor of <paramref name="width"/>.</summary>
    public static double GateCap(double width, TechnologyParameters tech) =>
        (tech.CapIdealGate + tech.CapOverlap + tech.CapFringe) * EffectiveWidth(width, tech) + tech.PhyGateLength * tech.CapPolywire;

    /// <summary>Electrical width: the drawn width in bulk; in FinFET the fins that width buys, times the fin perimeter.</summary>
    public static double EffectiveWidth(double width, TechnologyParameters tech)
    {
        if (!tech.IsFinFet) return width;
        width *= tech.PitchFin / (2 * tech.FeatureSize);
        return Math.Ceiling(width / tech.PitchFin) * (2 * tech.HeightFin + tech.WidthFin);
    }

    /// <summary>Area of a gate of fixed cell height <paramref name="heightTransistorRegion"/>; transistors wider than fits are folded.</summary>
    public static GateLayout Area(GateType type, int numInput, double widthNmos, double widthPmos, double heightTransistorRegion, TechnologyParameters tech)
    {
        var d = Diffusion.Of(widthNmos, widthPmos, heightTransistorRegion, tech);
        var pitch = d.PolyPlusGap * tech.FeatureSize;
        var unitP = d.P.Present ? (d.P.Folds + 1) * pitch : 0;
        var unitN = d.N.Present ? (d.N.Folds + 1) * pitch : 0;
        double widthP, widthN;
        switch (type)
        {
            case GateType.Inv:
                (widthP, widthN) = (unitP, unitN);
                break;
            case GateType.Nor:
            case GateType.Nand:
                if (d.P.Folds == 1 && d.N.Folds == 1)
                {
                    // Neighbouring transistors share source/drain regions.
                    var shared = (numInput - 1) * tech.FeatureSize * d.PolyPlusGap;
                    (widthP, widthN) = (unitP * numInput - shared, unitN * numInput - shared);
                }
                else (widthP, widthN) = (unitP * numInput, unitN * numInput);
                break;
            default:
                (widthP, widthN) = (0, 0);
                break;
        }
        var width = Math.Max(widthN, widthP);
        // RD-21: the reference returns the height it was given (the standard-cell height), even where FinFET scaled it internally.
        return new GateLayout(width * heightTransistorRegion, heightTransistorRegion, width);
    }

    /// <summary>Input and output capacitance of a gate: output = drain junction bottom + sidewall + drain-to-channel.</summary>
    public static GateCaps Capacitance(GateType type, int numInput, double widthNmos, double widthPmos, double heightTransistorRegion, TechnologyParameters tech)
    {
        var d = Diffusion.Of(widthNmos, widthPmos, heightTransistorRegion, tech);
        var gap = (tech.IsFinFet ? MinGapBetweenGatePolyFinFet : MinGapBetweenGatePoly);
        double DrainWidth(Folding f) => f.Folds == 1 ? tech.FeatureSize * gap : (int)Math.Ceiling((f.Folds + 1) / 2.0) * tech.FeatureSize * gap;
        double SourceWidth(Folding f) => f.Folds == 1 ? tech.FeatureSize * gap : (int)Math.Floor((f.Folds + 1) / 2.0) * tech.FeatureSize * gap;
        var (unitDrainP, unitSourceP, hP) = d.P.Present ? (DrainWidth(d.P), SourceWidth(d.P), d.P.Height) : (0, 0, 0);
        var (unitDrainN, unitSourceN, hN) = d.N.Present ? (DrainWidth(d.N), SourceWidth(d.N), d.N.Height) : (0, 0, 0);
        int fp = d.P.Folds, fn = d.N.Folds;
        double drainP = 0, drainN = 0, sidewallP = 0, sidewallN = 0;
        var hasP = d.ScaledWidthPmos > 0;
        var hasN = d.ScaledWidthNmos > 0;
        switch (type)
        {
            case GateType.Inv:
                if (hasP) { drainP = unitDrainP; sidewallP = drainP * 2 + hP * (1 + (fp + 1) % 2); }
                // RD-24 (reference quirk): the NMOS sidewall uses the PMOS folding count.
                if (hasN) { drainN = unitDrainN; sidewallN = drainN * 2 + hN * (1 + (fp + 1) % 2); }
                break;
            case GateType.Nor:
                if (fp == 1 && fn == 1)
                {
                    if (hasP) { drainP = unitDrainP * numInput; sidewallP = drainP * 2 + hP; }
                    if (hasN) { drainN = unitDrainN * (int)Math.Floor((numInput + 1) / 2.0); sidewallN = drainN * 2 + hN * (1 - (numInput + 1) % 2); }
                }
                else
                {
                    if (hasP)
                    {
                        drainP = unitDrainP * numInput + (numInput - 1) * unitSourceP;
                        sidewallP = drainP * 2 + hP * (1 + (fp + 1) % 2) * numInput + hP * (1 - (fp + 1) % 2) * (numInput - 1);
                    }
                    if (hasN) { drainN = unitDrainN * numInput; sidewallN = drainN * 2 + hN * (1 + (fn + 1) % 2) * numInput; }
                }
                break;
            case GateType.Nand:
                if (fp == 1 && fn == 1)
                {
                    if (hasP) { drainP = unitDrainP * (int)Math.Floor((numInput + 1) / 2.0); sidewallP = drainP * 2 + hP * (1 - (numInput + 1) % 2); }
                    if (hasN) { drainN = unitDrainN * numInput; sidewallN = drainN * 2 + hN; }
                }
                else
                {
                    if (hasP) { drainP = unitDrainP * numInput; sidewallP = drainP * 2 + hP * (1 + (fp + 1) % 2) * numInput; }
                    if (hasN)
                    {
                        drainN = unitDrainN * numInput + (numInput - 1) * unitSourceN;
                        sidewallN = drainN * 2 + hN * (1 + (fn + 1) % 2) * numInput + hN * (1 - (fn + 1) % 2) * (numInput - 1);
                    }
                }
                break;
        }
        var output = drainN * hN * tech.CapJunction + drainP * hP * tech.CapJunction
            + sidewallN * tech.CapSidewall + sidewallP * tech.CapSidewall
            + fn * hN * tech.CapDrainToChannel + fp * hP * tech.CapDrainToChannel;
        // RD-25 (reference quirk): in FinFET the already fin-scaled widths are scaled again inside GateCap.
        var input = GateCap(d.ScaledWidthNmos, tech) + GateCap(d.ScaledWidthPmos, tech);
        return new GateCaps(input, output);
    }

    /// <summary>Drain capacitance of a single transistor.</summary>
    public static double DrainCap(double width, TransistorKind kind, double heightTransistorRegion, TechnologyParameters tech) =>
        kind == TransistorKind.Nmos
            ? Capacitance(GateType.Inv, 1, width, 0, heightTransistorRegion, tech).Output
            : Capacitance(GateType.Inv, 1, 0, width, heightTransistorRegion, tech).Output;

    /// <summary>Average subthreshold leakage current of a gate (A) at <paramref name="temperature"/> (K, 300–400).</summary>
    public static double Leakage(GateType type, int numInput, double widthNmos, double widthPmos, int temperature, TechnologyParameters tech)
    {
        var t = TemperatureIndex(temperature);
        var wN = EffectiveWidth(widthNmos, tech);
        var wP = EffectiveWidth(widthPmos, tech);
        switch (type)
        {
            case GateType.Inv:
                return (wN * tech.CurrentOffNmos[t] + wP * tech.CurrentOffPmos[t]) / 2;
            case GateType.Nor:
            {
                var leakN = wN * tech.CurrentOffNmos[t] * numInput;
                return (numInput == 2 ? AvgRatioLeak2InputNor : AvgRatioLeak3InputNor) * leakN;
            }
            case GateType.Nand:
            {
                var leakP = wP * tech.CurrentOffPmos[t] * numInput;
                return (numInput == 2 ? AvgRatioLeak2InputNand : AvgRatioLeak3InputNand) * leakP;
            }
            default:
                return 0;
        }
    }

    /// <summary>On-resistance of a transistor (Ω): CACTI's multiplier × Vdd / Ion.</summary>
    public static double OnResistance(double width, TransistorKind kind, int temperature, TechnologyParameters tech)
    {
        var t = TemperatureIndex(temperature);
        var current = kind == TransistorKind.Nmos ? tech.CurrentOnNmos[t] : tech.CurrentOnPmos[t];
        return tech.EffectiveResistanceMultiplier * tech.Vdd / (current * EffectiveWidth(width, tech));
    }

    /// <summary>Transconductance at 0.7·Vdd (A/V).</summary>
    public static double Transconductance(double width, TransistorKind kind, TechnologyParameters tech) =>
        2 * (kind == TransistorKind.Nmos ? tech.CurrentGmNmos : tech.CurrentGmPmos) * width / (0.7 * tech.Vdd - tech.Vth);

    /// <summary>
    /// Horowitz's delay model with β = 0.5 (as CACTI): delay of a stage with time constant <paramref name="tr"/>
    /// driven by a ramp <paramref name="rampInput"/>; returns the ramp it produces for the next stage.
    /// </summary>
    public static RampedDelay Horowitz(double tr, double rampInput)
    {
        var alpha = 1 / rampInput / tr;
        const double vs = 0.5, beta = 0.5;   // normalized switching voltage
        var delay = tr * Math.Sqrt(Math.Log(vs) * Math.Log(vs) + 2 * alpha * beta * (1 - vs));
        return new RampedDelay(delay, (1 - vs) / delay);
    }

    /// <summary>Area of a pass gate whose height follows its width, folded <paramref name="numFold"/> times.</summary>
    public static GateLayout PassGateArea(double widthNmos, double widthPmos, TechnologyParameters tech, int numFold)
    {
        double height, width;
        // RD-26: summed in the reference's order: callers fold gates into exactly this height, so the last bit matters.
        var gap = MinGapBetweenPAndNDiffs * tech.FeatureSize;
        var ends = (MinPolyExtDiff + MinGapBetweenFieldPoly / 2) * 2 * tech.FeatureSize;
        if (!tech.IsFinFet)
        {
            width = (numFold + 1) * (PolyWidth + MinGapBetweenGatePoly) * tech.FeatureSize;
            height = widthPmos / numFold + widthNmos / numFold + gap + ends;
        }
        else
        {
            width = (numFold + 1) * (PolyWidthFinFet + MinGapBetweenGatePolyFinFet) * tech.FeatureSize;
            widthNmos *= tech.PitchFin / (2 * tech.FeatureSize);
            widthPmos *= tech.PitchFin / (2 * tech.FeatureSize);
            var finsP = (int)Math.Ceiling(widthPmos / (2 * tech.HeightFin + tech.WidthFin));
            var finsN = (int)Math.Ceiling(widthNmos / (2 * tech.HeightFin + tech.WidthFin));
            var perFoldP = (int)Math.Ceiling((double)finsP / numFold);
            var perFoldN = (int)Math.Ceiling((double)finsN / numFold);
            var heightP = (perFoldP - 1) * tech.PitchFin + 2 * tech.WidthFin / 2;
            var heightN = (perFoldN - 1) * tech.PitchFin + 2 * tech.WidthFin / 2;
            height = heightP + heightN + gap + ends;
        }
        return new GateLayout(width * height, height, width);
    }

    /// <summary>Resistance of a cell with I-V nonlinearity NL (current ratio between Vw and Vw/2) at voltage V, given R at Vr.</summary>
    public static double NonlinearResistance(double r, double nl, double vw, double vr, double v) =>
        r * v / vr * Math.Pow(nl, (vr - v) / (vw / 2));

    public static int TemperatureIndex(int temperature)
    {
        var t = temperature - 300;
        return t is >= 0 and <= 100 ? t : throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Temperature must be 300–400 K.");
    }

    /// <summary>One transistor type's diffusion: present or not, how often folded, and the height of its region.</summary>
    private readonly record struct Folding(bool Present, int Folds, double Height);

    /// <summary>The folding of both transistor types of a gate in a cell of fixed height (formula.cpp's shared preamble).</summary>
    private readonly record struct Diffusion(Folding P, Folding N, double ScaledWidthNmos, double ScaledWidthPmos, double PolyPlusGap)
    {
        public static Diffusion Of(double widthNmos, double widthPmos, double heightTransistorRegion, TechnologyParameters tech)
        {
            var f = tech.FeatureSize;
            if (tech.IsFinFet)
            {
                widthNmos *= tech.PitchFin / (2 * f);
                widthPmos *= tech.PitchFin / (2 * f);
                // RD-22: integer division as in the reference: 34/28 == 1, so the FinFET cell keeps its height.
                heightTransistorRegion *= MaxTransistorHeightFinFet / MaxTransistorHeight;
            }
            var ratio = widthPmos / (widthPmos + widthNmos);
            var ends = (MinPolyExtDiff + MinGapBetweenFieldPoly / 2) * 2 * f;
            if (!tech.IsFinFet)
            {
                double maxP, maxN;
                if (ratio == 0) (maxP, maxN) = (0, heightTransistorRegion - ends);
                else if (ratio == 1) (maxP, maxN) = (heightTransistorRegion - ends, 0);
                else
                {
                    maxP = ratio * (heightTransistorRegion - MinGapBetweenPAndNDiffs * f - ends);
                    maxN = maxP / ratio * (1 - ratio);
                }
                return new Diffusion(Bulk(widthPmos, maxP), Bulk(widthNmos, maxN), widthNmos, widthPmos, PolyWidth + MinGapBetweenGatePoly);
            }
            int maxFinsP, maxFinsN;
            if (ratio == 0) (maxFinsP, maxFinsN) = (0, (int)Math.Floor((heightTransistorRegion - ends) / tech.PitchFin) + 1);
            else if (ratio == 1) (maxFinsP, maxFinsN) = ((int)Math.Floor((heightTransistorRegion - ends) / tech.PitchFin) + 1, 0);
            else
            {
                var usable = heightTransistorRegion - MinGapBetweenPAndNDiffs * f - ends;
                maxFinsP = (int)Math.Floor(ratio * usable / tech.PitchFin) + 1;
                maxFinsN = (int)Math.Floor((1 - ratio) * usable / tech.PitchFin) + 1;
            }
            return new Diffusion(Fins(widthPmos, maxFinsP, tech), Fins(widthNmos, maxFinsN, tech), widthNmos, widthPmos,
                PolyWidthFinFet + MinGapBetweenGatePolyFinFet);
        }

        private static Folding Bulk(double width, double maxWidth) =>
            width <= 0 ? new Folding(false, 1, 0)
            : width <= maxWidth ? new Folding(true, 1, width)
            : new Folding(true, (int)Math.Ceiling(width / maxWidth), maxWidth);

        private static Folding Fins(double width, int maxFins, TechnologyParameters tech)
        {
            var fins = (int)Math.Ceiling(width / tech.PitchFin);
            if (fins <= 0) return new Folding(false, 1, 0);
            // RD-09: a transistor region lower than one fin pitch (e.g. a 1 F wide 1T1R cell at a FinFET node) leaves
            // room for 0 fins, and the reference's integer division by it stops the process (SIGFPE); a finger holds at least one fin.
            maxFins = Math.Max(1, maxFins);
            if (fins <= maxFins) return new Folding(true, 1, (fins - 1) * tech.PitchFin + 2 * tech.WidthFin / 2);
            // RD-23 (reference quirk): ceil of an integer division, i.e. the quotient rounded down.
            return new Folding(true, fins / maxFins, (maxFins - 1) * tech.PitchFin + 2 * tech.WidthFin / 2);
        }
    }
}
