namespace NeuroSim.Replay.ChipModel.Circuit.Periphery;

/// <summary>
/// Adder trees that sum the partial results of <c>numSubcoreRow</c> subarrays (NeuroSim AdderTree.cpp):
/// log2(rows) stages, each halving the operands (integer halving, as the reference: RD-29) and growing one bit.
/// </summary>
public sealed class AdderTree
{
    private readonly CircuitContext _c;

    public AdderTree(CircuitContext c, int numSubcoreRow, int numAdderBit, int numAdderTree)
    {
        if (numSubcoreRow < 1)
            throw new ArgumentOutOfRangeException(nameof(numSubcoreRow), numSubcoreRow, "An adder tree needs at least one operand row.");
        _c = c;
        NumSubcoreRow = numSubcoreRow;
        NumStage = (int)Math.Ceiling(Math.Log2(numSubcoreRow));
        NumAdderBit = numAdderBit;
        NumAdderTree = numAdderTree;
    }

    public int NumSubcoreRow { get; }
    public int NumStage { get; }
    public int NumAdderBit { get; }
    public int NumAdderTree { get; }

    /// <summary>
    /// Layout fitted to a given width (or height). The reference sizes it as one adder bank whose "bits" are
    /// all the full adders of a tree and whose count is the number of trees.
    /// </summary>
    public Footprint Layout(double newHeight, double newWidth, AreaModify option = AreaModify.None)
    {
        var adders = 0;
        var bits = NumAdderBit;
        var j = NumSubcoreRow;
        for (var i = NumStage; i != 0; i--)
        {
            adders += bits * (j / 2);
            bits++;
            j /= 2;
        }
        var bank = new Adder(_c, adders, NumAdderTree);
        double height, width;
        if (newWidth != 0 && option == AreaModify.None)
        {
            width = newWidth;
            height = bank.Layout(0, newWidth).Area / width;
        }
        else if (newHeight != 0 && option == AreaModify.None)
        {
            height = newHeight;
            width = bank.Layout(newHeight, 0).Area / height;
        }
        else throw new ArgumentException("An adder tree's layout needs a height or a width.");
        return Footprint.Of(height, width).Fit(newHeight, newWidth, option);
    }

    /// <summary>Stages of the tree for <paramref name="numUnitAdd"/> operands (0: one per subcore row).</summary>
    private IEnumerable<Adder> Stages(int numUnitAdd)
    {
        if (numUnitAdd < 0) throw new ArgumentOutOfRangeException(nameof(numUnitAdd), numUnitAdd, "Operand count must not be negative.");
        var (i, j) = numUnitAdd == 0 ? (NumStage, NumSubcoreRow) : ((int)Math.Ceiling(Math.Log2(numUnitAdd)), numUnitAdd);
        var bits = NumAdderBit;
        for (; i != 0; i--)
        {
            yield return new Adder(_c, bits, j / 2);
            bits++;
            j /= 2;
        }
    }

    public double ReadLatency(double numRead, int numUnitAdd, double capLoad) =>
        Stages(numUnitAdd).Sum(a => a.ReadLatency(1e20, capLoad, 1).Delay) * numRead;

    public double ReadEnergy(double numRead, int numUnitAdd) =>
        Stages(numUnitAdd).Sum(a => a.ReadEnergy(1, a.NumAdder)) * NumAdderTree * numRead;

    public double Leakage(int numUnitAdd = 0) => Stages(numUnitAdd).Sum(a => a.Leakage) * NumAdderTree;
}
