namespace NeuroSim.Replay.Recorder.Bench;

/// <summary>
/// One figure measured on the same seeds under two settings (a baseline and a variant): the means, the mean of the
/// per-seed differences (variant − baseline) with its standard error, and how many seeds moved which way. Pairing by
/// seed removes the seed-to-seed spread (initialization, batch order), which on small data sets is larger than the
/// effect being looked for.
/// </summary>
/// <param name="SignTestP">One-sided exact sign test: the chance of at least this many seeds moving the majority's
/// way if the variant made no difference (ties dropped).</param>
public sealed record PairedComparison(double BaselineMean, double VariantMean, double MeanDifference, double StandardError,
    int Lower, int Higher, int Count, double SignTestP)
{
    public static PairedComparison Of(IReadOnlyList<double> baseline, IReadOnlyList<double> variant)
    {
        if (baseline.Count != variant.Count) throw new ArgumentException($"{baseline.Count} baseline values for {variant.Count} variant values");
        if (baseline.Count == 0) throw new ArgumentException("no values to compare");
        var n = baseline.Count;
        var differences = baseline.Zip(variant, (b, v) => v - b).ToArray();
        var mean = differences.Average();
        var standardError = n < 2 ? double.NaN : Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (n - 1) / n);
        var lower = differences.Count(d => d < 0);
        var higher = differences.Count(d => d > 0);
        return new PairedComparison(baseline.Average(), variant.Average(), mean, standardError, lower, higher, n,
            SignTest(Math.Max(lower, higher), lower + higher));
    }

    /// <summary>P(X ≥ k) for X ~ Binomial(n, ½); 1 when nothing moved.</summary>
    public static double SignTest(int k, int n)
    {
        if (n == 0) return 1;
        double p = 0, choose = 1;   // C(n, 0)
        for (var i = 0; i <= n; i++)
        {
            if (i >= k) p += choose;
            choose = choose * (n - i) / (i + 1);
        }
        return p / Math.Pow(2, n);
    }
}
