namespace NeuroSim.Replay.ChipModel.Circuit.Gates;

/// <summary>
/// Layout design rules in units of the feature size, and leakage ratios of stacked gates (NeuroSim's
/// constant.h, which follows CACTI/NVSim). The integer rules stay integers: the reference divides them
/// with integer arithmetic in places (e.g. 34/28 == 1, RD-22), and so must we to give its numbers.
/// </summary>
public static class LayoutRules
{
    public const int MaxNmosSize = 100;
    public const int MinNmosSize = 2;
    public const int MaxTransistorHeight = 28;
    public const int MaxTransistorHeightFinFet = 34;
    public const double MinGapBetweenPAndNDiffs = 3.5;
    public const double MinGapBetweenSameTypeDiffs = 1.6;
    public const double MinGapBetweenGatePoly = 2.8;
    public const double MinGapBetweenGatePolyFinFet = 3.9;
    public const double MinGapBetweenContactPoly = 0.7;
    public const double ContactSize = 1.3;
    public const double MinWidthPowerRail = 3.4;
    /// <summary>Minimum poly extension beyond the diffusion region.</summary>
    public const double MinPolyExtDiff = 1.0;
    /// <summary>Gap between field poly (over field oxide) and other poly.</summary>
    public const double MinGapBetweenFieldPoly = 1.6;
    public const double PolyWidth = 1.0;
    public const double PolyWidthFinFet = 1.4;
    public const double M2Pitch = 3.2;
    public const double M3Pitch = 2.8;

    public const double AvgRatioLeak2InputNand = 0.48;
    public const double AvgRatioLeak3InputNand = 0.31;
    public const double AvgRatioLeak2InputNor = 0.95;
    public const double AvgRatioLeak3InputNor = 0.62;

    public const double WSenseP = 7.5;
    public const double WSenseN = 3.75;
    public const double WSenseIso = 12.5;
    public const double WSenseEn = 5.0;
    public const double WSenseMux = 9.0;

    public const double IrDropTolerance = 0.25;
    public const double LinearRegionRatio = 0.20;
    public const int HeightWidthRatioLimit = 5;
    public const double RatioReadThresholdVsVoltage = 0.2;
}
