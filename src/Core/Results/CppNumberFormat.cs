using System.Globalization;

namespace NeuroSim.Replay.Core.Results;

/// <summary>Formats numbers as C++'s default ostream output does (%g with 6 significant digits, e.g. 1.40449e-05).</summary>
public static class CppNumberFormat
{
    public static string G6(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        if (v == 0) return "0";
        var exp = (int)Math.Floor(Math.Log10(Math.Abs(v)));
        // Rounding to 6 digits can carry into the next power of ten.
        var rounded = double.Parse(v.ToString("E5", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (rounded != 0) exp = (int)Math.Floor(Math.Log10(Math.Abs(rounded)));
        if (exp < -4 || exp >= 6)
        {
            var mantissa = rounded / Math.Pow(10, exp);
            var m = mantissa.ToString("0.#####", CultureInfo.InvariantCulture);
            if (m == "10") { m = "1"; exp++; }
            return $"{m}e{(exp < 0 ? "-" : "+")}{Math.Abs(exp):00}";
        }
        var decimals = Math.Max(0, 5 - exp);
        return rounded.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }
}
