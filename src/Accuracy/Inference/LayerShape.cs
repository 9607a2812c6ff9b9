namespace NeuroSim.Replay.Accuracy.Inference;

/// <summary>
/// A bias-free conv layer (k×k, "same" zero padding, stride 1) or fully connected layer (1×1 input and kernel, Cin = in
/// features) as V2.0's QConv2d/QLinear compute it. Weight rows are Cin·kh·kw in V2.0's order (row = c·kh·kw + i·kw + j).
/// </summary>
public sealed record LayerShape(int InChannels, int Height, int Width, int KernelHeight, int KernelWidth, int OutChannels)
{
    public int Rows => InChannels * KernelHeight * KernelWidth;
    /// <summary>Output positions per image (same padding, stride 1): H·W; 1 for a fully connected layer.</summary>
    public int Positions => Height * Width;
    public int InputSize => InChannels * Height * Width;
    public int OutputSize => OutChannels * Height * Width;

    public static LayerShape FullyConnected(int inFeatures, int outFeatures) => new(inFeatures, 1, 1, 1, 1, outFeatures);
}

/// <summary>
/// How a layer's weight rows are split over subarrays: each array a run of "permuted" rows (arrays one after another), with
/// the original row, input channel and kernel offset of each. V2.0 maps each kernel position to its own arrays of up to
/// <c>SA</c> input channels (novel mapping); conventional mapping splits the unrolled rows in order. With V2.0's quirks
/// (<c>v2Quirks</c>) the rows of a partial last array are dropped (RD-85) and only the top-left 3x3 of a larger kernel is
/// read (RD-86); without them every row is read, the last array partly filled, as the chip model maps them.
/// </summary>
public sealed class ArrayLayout
{
    public IReadOnlyList<(int Start, int Length)> Arrays { get; }
    /// <summary>Original weight row of each permuted row.</summary>
    public int[] Row { get; }
    public int[] Channel { get; }
    public int[] KernelY { get; }
    public int[] KernelX { get; }
    public int Count => Row.Length;
    /// <summary>Whether an array holds every row of the layer (V2.0's retention then takes lo from the digits alone).</summary>
    public bool ArrayCoversLayer(int array, int layerRows) => Arrays[array].Length == layerRows;

    public ArrayLayout(LayerShape shape, int subArrayRows, bool novelMapping, bool v2Quirks)
    {
        var rows = new List<int>();
        var arrays = new List<(int, int)>();
        int kh = shape.KernelHeight, kw = shape.KernelWidth, cin = shape.InChannels;
        void Add(IEnumerable<int> r)
        {
            var start = rows.Count;
            rows.AddRange(r);
            if (rows.Count > start) arrays.Add((start, rows.Count - start));
        }
        if (v2Quirks)
        {
            // RD-85, RD-86: V2.0's loops — kernel positions i, j < 3; floor(Cin/SA) arrays of SA channels, or one of all when Cin < SA.
            List<(int From, int Count)> groups = cin < subArrayRows ? [(0, cin)] : [.. Enumerable.Range(0, cin / subArrayRows).Select(g => (g * subArrayRows, subArrayRows))];
            for (var i = 0; i < Math.Min(3, kh); i++)
                for (var j = 0; j < Math.Min(3, kw); j++)
                    foreach (var (from, count) in groups)
                        Add(Enumerable.Range(from, count).Select(c => c * kh * kw + i * kw + j));
        }
        else if (novelMapping || shape.Rows == cin)
        {
            for (var i = 0; i < kh; i++)
                for (var j = 0; j < kw; j++)
                    for (var from = 0; from < cin; from += subArrayRows)
                        Add(Enumerable.Range(from, Math.Min(subArrayRows, cin - from)).Select(c => c * kh * kw + i * kw + j));
        }
        else
        {
            for (var from = 0; from < shape.Rows; from += subArrayRows)
                Add(Enumerable.Range(from, Math.Min(subArrayRows, shape.Rows - from)));
        }
        Arrays = arrays;
        Row = [.. rows];
        Channel = [.. rows.Select(r => r / (kh * kw))];
        KernelY = [.. rows.Select(r => r % (kh * kw) / kw)];
        KernelX = [.. rows.Select(r => r % kw)];
    }
}
