using System.Globalization;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>Auto-scaled engineering units for people: ns … s, pJ … J, µm² / mm².</summary>
public static class Units
{
    public static string Time(double seconds) => Scaled(seconds, "s", [(1, ""), (1e-3, "m"), (1e-6, "µ"), (1e-9, "n"), (1e-12, "p")]);
    public static string Energy(double joules) => Scaled(joules, "J", [(1, ""), (1e-3, "m"), (1e-6, "µ"), (1e-9, "n"), (1e-12, "p")]);
    public static string Power(double watts) => Scaled(watts, "W", [(1, ""), (1e-3, "m"), (1e-6, "µ"), (1e-9, "n")]);
    public static string Area(double m2) => m2 >= 1e-6
        ? (m2 * 1e6).ToString("G4", CultureInfo.InvariantCulture) + " mm²"
        : (m2 * 1e12).ToString("G4", CultureInfo.InvariantCulture) + " µm²";

    private static string Scaled(double v, string unit, (double Scale, string Prefix)[] steps)
    {
        if (v == 0 || !double.IsFinite(v)) return v.ToString(CultureInfo.InvariantCulture) + " " + unit;
        foreach (var (scale, prefix) in steps)
            if (Math.Abs(v) >= scale) return (v / scale).ToString("G4", CultureInfo.InvariantCulture) + " " + prefix + unit;
        var (s, p) = steps[^1];
        return (v / s).ToString("G4", CultureInfo.InvariantCulture) + " " + p + unit;
    }
}
