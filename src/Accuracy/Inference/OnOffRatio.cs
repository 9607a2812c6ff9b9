namespace NeuroSim.Replay.Accuracy.Inference;

/// <summary>
/// The cells' on/off ratio R = Gmax/Gmin (resistanceOff/resistanceOn) as the fraction Num/Den, so that conductances are
/// whole numbers in units of Gmax/((c−1)·Num) (NOTES.md §9: G·R = (R−1)·r + (c−1)): Num/Den is R exactly when R is a
/// fraction with a denominator up to 1000 (R = 10, 100, 3.3 …), else <see cref="Exact"/> is false and the doubles
/// <see cref="NumValue"/> = R, <see cref="DenValue"/> = 1 are used. An SRAM cell has no off current: R = ∞, Num 1, Den 0.
/// </summary>
public readonly record struct OnOffRatio(double Ratio, long Num, long Den, bool Exact)
{
    public double NumValue => Exact ? Num : Ratio;
    public double DenValue => Exact ? Den : 1;

    public static OnOffRatio Of(double ratio)
    {
        if (double.IsPositiveInfinity(ratio)) return new(ratio, 1, 0, true);
        if (!(ratio > 1)) throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "the on/off ratio must exceed 1");
        for (long den = 1; den <= 1000; den++)
        {
            var num = Math.Round(ratio * den);
            if (num < 1L << 40 && Math.Abs(ratio * den - num) <= 1e-9 * num) return new(ratio, (long)num, den, true);
        }
        return new(ratio, 0, 0, false);
    }

    public override string ToString() => double.IsPositiveInfinity(Ratio) ? "∞" : Exact && Den != 1 ? $"{Num}/{Den}" : $"{Ratio:R}";
}
