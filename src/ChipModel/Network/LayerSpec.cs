
namespace NeuroSim.Replay.ChipModel.Network;

/// <summary>
/// One conv/fc layer: a row of V2.0's NetWork.csv (IFM height, width, channels; kernel height, width;
/// OFM channels; followed by max pooling; stride) and a name.
/// </summary>
public sealed record LayerSpec(
    string Name,
    int IfmHeight,
    int IfmWidth,
    int IfmChannels,
    int KernelHeight,
    int KernelWidth,
    int OfmChannels,
    bool FollowedByMaxPool,
    int Stride)
{
    /// <summary>A layer whose input and kernel are 1x1 is fully connected (as V2.0 treats it).</summary>
    public bool IsFullyConnected => IfmHeight == 1 && IfmWidth == 1 && KernelHeight == 1 && KernelWidth == 1;

    /// <summary>Rows of the weight matrix: Cin x kh x kw (V2.0's weight&lt;L&gt;.csv rows).</summary>
    public int WeightRows => IfmChannels * KernelHeight * KernelWidth;

    /// <summary>Columns of the weight matrix: Cout.</summary>
    public int WeightColumns => OfmChannels;

    /// <summary>Input vectors of one image: window positions without padding, (H−kh+1)(W−kw+1); 1 for FC.</summary>
    public int InputPositions => IsFullyConnected ? 1 : (IfmHeight - KernelHeight + 1) * (IfmWidth - KernelWidth + 1);

    /// <summary>The NetWork.csv row.</summary>
    public string ToCsvRow() =>
        string.Join(',', IfmHeight, IfmWidth, IfmChannels, KernelHeight, KernelWidth, OfmChannels, FollowedByMaxPool ? 1 : 0, Stride);
}
