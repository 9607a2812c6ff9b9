using System.Numerics;

namespace NeuroSim.Replay.Accuracy.Inference;

/// <summary>
/// The random numbers of a chip instance: xoshiro256** streams seeded through SplitMix64 from a path of integers (seed,
/// instance, batch, layer, read, row …), so every draw is a function of where it is used, not of the order threads run in:
/// results are the same for a seed whatever the parallelism. (V2.0 draws its variation from NumPy's unseeded global
/// generator, so its runs are not reproducible; RD-95.)
/// </summary>
public struct ChipRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spare;
    private bool _hasSpare;

    public ChipRandom(ulong seed, params ReadOnlySpan<long> path)
    {
        var h = Mix(seed ^ 0x6A09E667F3BCC909UL);
        foreach (var p in path) h = Mix(h ^ (ulong)p * 0x9E3779B97F4A7C15UL);
        _s0 = Mix(ref h); _s1 = Mix(ref h); _s2 = Mix(ref h); _s3 = Mix(ref h);
        _spare = 0;
        _hasSpare = false;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Mix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    public ulong NextULong()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), 53 bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Marsaglia's polar method; the second value of a pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>−1, 0 or +1 with equal probability (V2.0's torch.randint_like(x, −1, 2) for the random drift direction).</summary>
    public int NextSign() => (int)((NextULong() >> 32) * 3 >> 32) - 1;
}
