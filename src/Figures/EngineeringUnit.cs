namespace NeuroSim.Replay.Figures;

/// <summary>An SI prefix for an axis: values are divided by <see cref="Factor"/> and the axis names <see cref="Unit"/> (e.g. mJ).</summary>
public sealed record EngineeringUnit(double Factor, string Unit)
{
    private static readonly (double Factor, string Prefix)[] Prefixes = [(1e9, "G"), (1e6, "M"), (1e3, "k"), (1, ""), (1e-3, "m"), (1e-6, "µ"), (1e-9, "n"), (1e-12, "p"), (1e-15, "f")];

    /// <summary>The largest prefix under which the largest magnitude of <paramref name="values"/> is at least 1.</summary>
    public static EngineeringUnit For(IEnumerable<double> values, string unit)
    {
        var max = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (max == 0) return new(1, unit);
        var (factor, prefix) = Prefixes.FirstOrDefault(p => max >= p.Factor, Prefixes[^1]);
        return new(factor, prefix + unit);
    }

    public double[] Scale(IEnumerable<double> values) => [.. values.Select(v => v / Factor)];
}
