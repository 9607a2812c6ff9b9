using System.Runtime.Intrinsics;
using LayerUpdateStats = NeuroSim.Replay.Core.Events.Contracts.LayerUpdateStats;

namespace NeuroSim.Replay.Recorder.Device;

/// <summary>
/// A batch update's statistics for the record (cells changed, mean and standard deviation of the change, cells at
/// the clipping bounds), read straight from the tensors' memory in one pass each — recording's cost on every batch,
/// so it avoids the seven tensor passes (and their temporaries) the same figures take through torch.
/// </summary>
public static class UpdateStatistics
{
    /// <param name="delta">The weights' change (after noise and clipping), contiguous.</param>
    /// <param name="updated">The weights after the update, contiguous.</param>
    /// <param name="limit">The clipping bound: cells at ±limit are counted as clipped.</param>
    public static LayerUpdateStats Of(int layerIndex, long ltpPulses, long ltdPulses, ReadOnlySpan<float> delta, ReadOnlySpan<float> updated, float limit)
    {
        var (changed, sum, sumSquares) = Moments(delta);
        var n = delta.Length;
        var mean = n > 0 ? sum / n : 0;
        // Unbiased, as torch's std.
        var variance = n > 1 ? Math.Max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
        var (atMin, atMax) = AtBounds(updated, limit);
        return new LayerUpdateStats
        {
            LayerIndex = layerIndex,
            LtpPulses = ltpPulses,
            LtdPulses = ltdPulses,
            CellsChanged = changed,
            DeltaMean = (float)mean,
            DeltaStd = (float)Math.Sqrt(variance),
            CellsClippedMin = atMin,
            CellsClippedMax = atMax,
        };
    }

    /// <summary>Non-zero count, sum and sum of squares (in double).</summary>
    private static (long NonZero, double Sum, double SumSquares) Moments(ReadOnlySpan<float> x)
    {
        long nonZero = 0;
        double sum = 0, squares = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= Vector256<float>.Count)
        {
            var s = Vector256<double>.Zero;
            var q = Vector256<double>.Zero;
            var zeros = Vector256<int>.Zero;
            for (; i + Vector256<float>.Count <= x.Length; i += Vector256<float>.Count)
            {
                var v = Vector256.Create(x.Slice(i, Vector256<float>.Count));
                var (lo, hi) = Vector256.Widen(v);
                s += lo + hi;
                q += lo * lo + hi * hi;
                zeros += Vector256.Equals(v, Vector256<float>.Zero).AsInt32();   // -1 per zero lane
            }
            sum = Vector256.Sum(s);
            squares = Vector256.Sum(q);
            nonZero = i + Vector256.Sum(zeros);
        }
        for (; i < x.Length; i++)
        {
            double v = x[i];
            sum += v;
            squares += v * v;
            if (v != 0) nonZero++;
        }
        return (nonZero, sum, squares);
    }

    private static (long AtMin, long AtMax) AtBounds(ReadOnlySpan<float> x, float limit)
    {
        long atMin = 0, atMax = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= Vector256<float>.Count)
        {
            var hi = Vector256.Create(limit);
            var lo = Vector256.Create(-limit);
            var countMin = Vector256<int>.Zero;
            var countMax = Vector256<int>.Zero;
            for (; i + Vector256<float>.Count <= x.Length; i += Vector256<float>.Count)
            {
                var v = Vector256.Create(x.Slice(i, Vector256<float>.Count));
                countMin -= Vector256.LessThanOrEqual(v, lo).AsInt32();
                countMax -= Vector256.GreaterThanOrEqual(v, hi).AsInt32();
            }
            atMin = Vector256.Sum(countMin);
            atMax = Vector256.Sum(countMax);
        }
        for (; i < x.Length; i++)
        {
            if (x[i] <= -limit) atMin++;
            if (x[i] >= limit) atMax++;
        }
        return (atMin, atMax);
    }
}
