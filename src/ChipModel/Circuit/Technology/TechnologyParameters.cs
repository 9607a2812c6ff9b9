using NeuroSim.Replay.ChipModel.Hardware;
namespace NeuroSim.Replay.ChipModel.Circuit.Technology;

/// <summary>
/// A technology node ready for the circuit model: the tabulated data plus what the reference derives
/// from it (Technology::Initialize): feature size, overlap and junction capacitances (BSIM4 defaults),
/// P/N size ratio, and on/off currents interpolated to every kelvin from 300 to 400 K.
/// </summary>
public sealed record TechnologyParameters
{
    /// <summary>Technology node (nm).</summary>
    public required int FeatureSizeInNano { get; init; }
    /// <summary>Technology node (m).</summary>
    public required double FeatureSize { get; init; }
    public required DeviceRoadmap Roadmap { get; init; }
    public required double Vdd { get; init; }
    public required double Vth { get; init; }
    public required double HeightFin { get; init; }
    public required double WidthFin { get; init; }
    public required double PitchFin { get; init; }
    public required double PhyGateLength { get; init; }
    public required double CapIdealGate { get; init; }
    public required double CapFringe { get; init; }
    public required double CapOverlap { get; init; }
    public required double CapJunction { get; init; }
    public required double CapSidewall { get; init; }
    public required double CapDrainToChannel { get; init; }
    public required double CapPolywire { get; init; }
    public required double BuildInPotential { get; init; }
    public required double PnSizeRatio { get; init; }
    public required double EffectiveResistanceMultiplier { get; init; }
    public required double CurrentGmNmos { get; init; }
    public required double CurrentGmPmos { get; init; }
    /// <summary>Index = temperature − 300 K (0 … 100).</summary>
    public required double[] CurrentOnNmos { get; init; }
    public required double[] CurrentOnPmos { get; init; }
    public required double[] CurrentOffNmos { get; init; }
    public required double[] CurrentOffPmos { get; init; }

    /// <summary>FinFET nodes (≤ 14 nm) use fin geometry in every gate formula.</summary>
    public bool IsFinFet => FeatureSize < 22 * 1e-9;

    public static TechnologyParameters Create(int node, DeviceRoadmap roadmap, ReferenceVersion model = ReferenceVersion.V20)
    {
        if (!TechnologyTable.Conventional.TryGetValue((node, roadmap), out var v20))
            throw new ArgumentOutOfRangeException(nameof(node), node, "Unsupported technology node (130, 90, 65, 45, 32, 22, 14, 10, 7 nm).");
        var d = TechnologyTableV21.For(v20, node, roadmap, model);
        var featureSize = node * 1e-9;
        // FinFET nodes round the P/N ratio down to whole fins.
        var pn = d.OnNmos[0] / d.OnPmos[0];
        if (node <= 14) pn = (int)pn;
        // BSIM4 default junction parameters (Technology.cpp).
        const double cjd = 1e-3, cjswd = 2.5e-10, cjswgd = 0.5e-10, mjd = 0.5, mjswd = 0.33, mjswgd = 0.33, pb = 0.9;
        return new TechnologyParameters
        {
            FeatureSizeInNano = node,
            FeatureSize = featureSize,
            Roadmap = roadmap,
            Vdd = d.Vdd,
            Vth = d.Vth,
            HeightFin = d.FinHeightM,
            WidthFin = d.FinWidthM,
            PitchFin = d.FinPitchM,
            PhyGateLength = d.PhysicalGateLengthM,
            CapIdealGate = d.CapIdealGateFPerM,
            CapFringe = d.CapFringeFPerM,
            // From 14 nm down, the ideal gate capacitance already holds overlap and fringe.
            CapOverlap = node >= 22 ? d.CapIdealGateFPerM * 0.2 : 0,
            CapJunction = cjd / Math.Pow(1 + d.Vdd / pb, mjd),
            CapSidewall = cjswd / Math.Pow(1 + d.Vdd / pb, mjswd),
            CapDrainToChannel = cjswgd / Math.Pow(1 + d.Vdd / pb, mjswgd),
            CapPolywire = 0,
            BuildInPotential = pb,
            PnSizeRatio = pn,
            EffectiveResistanceMultiplier = d.EffectiveResistanceMultiplier,
            CurrentGmNmos = d.CurrentGmNmos,
            CurrentGmPmos = d.CurrentGmPmos,
            CurrentOnNmos = PerKelvin(d.OnNmos),
            CurrentOnPmos = PerKelvin(d.OnPmos),
            CurrentOffNmos = PerKelvin(d.OffNmos),
            CurrentOffPmos = PerKelvin(d.OffPmos),
        };
    }

    /// <summary>Linear interpolation of the 10 K table to 1 K steps (300 … 400 K).</summary>
    private static double[] PerKelvin(double[] everyTenKelvin)
    {
        var r = new double[101];
        for (var i = 0; i <= 100; i++)
        {
            if (i % 10 == 0) { r[i] = everyTenKelvin[i / 10]; continue; }
            var a = everyTenKelvin[i / 10];
            var b = everyTenKelvin[i / 10 + 1];
            r[i] = a + (b - a) * (i % 10) / 10;
        }
        return r;
    }
}
