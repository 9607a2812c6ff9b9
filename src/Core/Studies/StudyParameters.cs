using System.Globalization;
using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Core.Studies;

/// <summary>
/// A study's <c>--vary</c> specifications: <c>key=lo..hi</c> (a range, sampled evenly), <c>key=lo..hi/log</c> (evenly in log(value),
/// for a parameter over decades), or <c>key=v1,v2,…</c> (a list). Each error names the specification.
/// </summary>
public static class StudyParameters
{
    /// <param name="isInteger">Whether the key takes integers (its values are then rounded).</param>
    public static StudyParameter Parse(string spec, Func<string, bool> isInteger)
    {
        var eq = spec.IndexOf('=');
        if (eq <= 0) throw new ArgumentException($"--vary '{spec}': expected key=lo..hi, key=lo..hi/log or key=v1,v2,…");
        var key = spec[..eq].Trim();
        var text = spec[(eq + 1)..].Trim();
        var p = new StudyParameter { Key = key, Integer = isInteger(key) };
        double Number(string s) => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw new ArgumentException($"--vary '{spec}': '{s.Trim()}' is not a number");
        if (text.Contains("..", StringComparison.Ordinal))
        {
            p.Log = text.EndsWith("/log", StringComparison.OrdinalIgnoreCase);
            if (p.Log) text = text[..^4];
            var parts = text.Split("..");
            if (parts.Length != 2) throw new ArgumentException($"--vary '{spec}': a range is lo..hi");
            (p.IsRange, p.Low, p.High) = (true, Number(parts[0]), Number(parts[1]));
            if (!(p.High > p.Low)) throw new ArgumentException($"--vary '{spec}': the range's end must exceed its start");
            if (p.Log && !(p.Low > 0)) throw new ArgumentException($"--vary '{spec}': a /log range needs a positive start");
            return p;
        }
        var values = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (values.Length == 0) throw new ArgumentException($"--vary '{spec}': no values");
        p.Values.AddRange(values.Select(v => Format(Number(v), p.Integer)));
        if (p.Values.Distinct().Count() != p.Values.Count) throw new ArgumentException($"--vary '{spec}': a value is listed twice");
        return p;
    }

    /// <summary>A value as the study writes it: integers rounded, other numbers to 6 significant digits.</summary>
    public static string Format(double value, bool integer) => integer
        ? Math.Round(value).ToString(CultureInfo.InvariantCulture)
        : double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The value at fraction <paramref name="f"/> ∈ [0, 1] of a range (in log space for /log).</summary>
    public static double At(StudyParameter p, double f) => p.Log
        ? Math.Exp(Math.Log(p.Low) + f * (Math.Log(p.High) - Math.Log(p.Low)))
        : p.Low + f * (p.High - p.Low);

    /// <summary>"c2cVari = 0.001..0.1 (log)", "max_level ∈ {16, 32}".</summary>
    public static string Describe(StudyParameter p) => p.IsRange
        ? string.Create(CultureInfo.InvariantCulture, $"{p.Key} = {p.Low:G6}..{p.High:G6}{(p.Log ? " (log)" : "")}")
        : $"{p.Key} ∈ {{{string.Join(", ", p.Values)}}}";
}
