namespace NeuroSim.Replay.Core.Traces;

/// <summary>
/// A matrix of decimal values read from text, kept exactly: <c>value = Units[i] / 10^Decimals</c>, row-major.
/// </summary>
public sealed record DecimalMatrix(int Rows, int Columns, int Decimals, int[] Units)
{
    public double ValueAt(int index) => Units[index] / TensorCodec.PowerOfTen(Decimals);

    public double[] ToDoubles()
    {
        var p = TensorCodec.PowerOfTen(Decimals);
        var v = new double[Units.Length];
        for (var i = 0; i < v.Length; i++) v[i] = Units[i] / p;
        return v;
    }

    /// <summary>The same values with more decimals (exact).</summary>
    public DecimalMatrix WithDecimals(int decimals)
    {
        if (decimals == Decimals) return this;
        if (decimals < Decimals) throw new ArgumentOutOfRangeException(nameof(decimals), "Cannot drop decimals exactly.");
        var f = (int)TensorCodec.PowerOfTen(decimals - Decimals);
        var u = new int[Units.Length];
        for (var i = 0; i < u.Length; i++) u[i] = checked(Units[i] * f);
        return new DecimalMatrix(Rows, Columns, decimals, u);
    }
}
