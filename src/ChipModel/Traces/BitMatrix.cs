namespace NeuroSim.Replay.ChipModel.Traces;

/// <summary>A 0/1 matrix, row-major, packed 8 bits to a byte least significant bit first.</summary>
public sealed record BitMatrix(int Rows, int Columns, byte[] Packed)
{
    public bool this[int row, int column]
    {
        get
        {
            var i = (long)row * Columns + column;
            return (Packed[i >> 3] >> (int)(i & 7) & 1) != 0;
        }
    }

    /// <summary>Number of ones.</summary>
    public long CountOnes()
    {
        long n = 0;
        foreach (var b in Packed) n += System.Numerics.BitOperations.PopCount(b);
        return n;
    }

    /// <summary>Mean of the bits.</summary>
    public double Mean => Rows == 0 || Columns == 0 ? 0 : (double)CountOnes() / ((long)Rows * Columns);
}
