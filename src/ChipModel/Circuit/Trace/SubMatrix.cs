namespace NeuroSim.Replay.ChipModel.Circuit.Trace;

/// <summary>
/// A window of a layer's weight matrix (and the matching rows of its input): source row indices, in the
/// order the reference copies them (CopyArray, ReshapeArray, CopyPEArray, CopySubArray; novel tiles as corrected in RD-69), and a column range.
/// </summary>
public sealed record SubMatrix(int[] Rows, int ColStart, int ColCount)
{
    public int RowCount => Rows.Length;

    public static SubMatrix Whole(int rows, int cols) => new(Enumerable.Range(0, rows).ToArray(), 0, cols);

    /// <summary>Rows [start, start+count) and columns [colStart, colStart+colCount) of this window.</summary>
    public SubMatrix Slice(int rowStart, int rowCount, int colStart, int colCount) =>
        new(Rows.AsSpan(rowStart, rowCount).ToArray(), ColStart + colStart, colCount);
}
