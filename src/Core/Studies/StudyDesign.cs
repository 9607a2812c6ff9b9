using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Core.Studies;

/// <summary>
/// The points of a study: a full grid (every list value, and <c>levels</c> evenly spaced values of every range, crossed) or a Latin
/// hypercube of <c>samples</c> points (each parameter's range, or list, cut into that many equal strata, one point in each, the
/// strata paired at random from <c>designSeed</c>). Point 0 is the baseline (nothing varied) unless left out.
/// </summary>
public static class StudyDesign
{
    public const int MaxPoints = 10_000;

    public static IReadOnlyList<StudyPoint> Points(IReadOnlyList<StudyParameter> parameters, string design, int levels, int samples, ulong designSeed, bool baseline)
    {
        if (parameters.Count == 0) throw new ArgumentException("--vary: a study varies at least one parameter");
        if (parameters.Select(p => p.Key).Distinct().Count() != parameters.Count) throw new ArgumentException("--vary: a key is varied twice");
        var settings = design switch
        {
            "grid" => Grid(parameters, levels),
            "lhs" => LatinHypercube(parameters, samples, designSeed),
            _ => throw new ArgumentException($"--design: '{design}' is not grid or lhs"),
        };
        var points = new List<StudyPoint>();
        if (baseline) points.Add(new StudyPoint { Index = 0, Baseline = true });
        foreach (var s in settings)
        {
            var p = new StudyPoint { Index = points.Count };
            foreach (var (k, v) in s) p.Settings[k] = v;
            points.Add(p);
        }
        return points;
    }

    private static List<List<(string Key, string Value)>> Grid(IReadOnlyList<StudyParameter> parameters, int levels)
    {
        if (parameters.Any(p => p.IsRange) && levels < 2) throw new ArgumentException($"--levels: {levels}; a grid takes at least 2 values of a range");
        var axes = parameters.Select(p => p.IsRange
            ? Enumerable.Range(0, levels).Select(i => StudyParameters.Format(StudyParameters.At(p, i / (double)(levels - 1)), p.Integer)).Distinct().ToList()
            : [.. p.Values]).ToList();
        var size = axes.Aggregate(1L, (n, a) => n * a.Count);
        if (size > MaxPoints) throw new ArgumentException($"the grid has {size} points (more than {MaxPoints}); use fewer --levels or --design lhs");
        var points = new List<List<(string, string)>> { new() };
        for (var i = 0; i < parameters.Count; i++)
            points = [.. points.SelectMany(p => axes[i].Select(v => new List<(string, string)>(p) { (parameters[i].Key, v) }))];
        return points;
    }

    private static List<List<(string Key, string Value)>> LatinHypercube(IReadOnlyList<StudyParameter> parameters, int samples, ulong seed)
    {
        if (samples < 2 || samples > MaxPoints) throw new ArgumentException($"--samples: {samples}; a Latin hypercube takes 2 to {MaxPoints} points");
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var columns = parameters.Select(p =>
        {
            var strata = Enumerable.Range(0, samples).OrderBy(_ => random.Next()).ToArray();
            return strata.Select(s =>
            {
                var f = (s + random.NextDouble()) / samples;
                return p.IsRange ? StudyParameters.Format(StudyParameters.At(p, f), p.Integer) : p.Values[Math.Min(p.Values.Count - 1, (int)(f * p.Values.Count))];
            }).ToArray();
        }).ToList();
        return [.. Enumerable.Range(0, samples).Select(i => parameters.Select((p, j) => (p.Key, columns[j][i])).ToList())];
    }

    /// <summary>The run of a point and seed: <c>STUDY-pNNN-sSEED</c>.</summary>
    public static string RunName(string study, int point, long seed) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{study}-p{point:000}-s{seed}");
}
