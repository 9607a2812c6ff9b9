using System.Globalization;
using System.Text.RegularExpressions;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>Compares a line of V2.0's console report with ours: its wording with the numbers taken out, and its numbers.</summary>
internal static partial class ReportLine
{
    [GeneratedRegex(@"-?nan|-?inf|-?\d+(\.\d+)?(e[-+]\d+)?")]
    private static partial Regex Number();

    public static string Wording(string line) => Number().Replace(line, "N");

    /// <summary>Every number of the two lines within <paramref name="relative"/> of each other (the reference's NaN matches nothing).</summary>
    public static bool NumbersAgree(string ours, string theirs, double relative)
    {
        var a = Number().Matches(ours).Select(m => Parse(m.Value)).ToList();
        var b = Number().Matches(theirs).Select(m => Parse(m.Value)).ToList();
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (double.IsNaN(b[i]) || double.IsNaN(a[i])) return false;
            if (a[i] == b[i]) continue;
            if (Math.Abs(a[i] - b[i]) > relative * Math.Max(Math.Abs(a[i]), Math.Abs(b[i]))) return false;
        }
        return true;
    }

    private static double Parse(string s) => s.TrimStart('-') switch
    {
        "nan" => double.NaN,
        "inf" => s.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity,
        _ => double.Parse(s, CultureInfo.InvariantCulture),
    };
}
