using System.Numerics;
using NeuroSim.Replay.Accuracy.Inference;
using NeuroSim.Replay.ChipModel.Network;

namespace NeuroSim.Replay.Accuracy;

/// <summary>
/// A recorded network for inference, as the recorder (and V2.0's cifar/model.py) runs it: each conv/fc layer divides its output
/// by the layer's WAGE scale and quantizes it to wl_activate bits (the last layer: neither quantized nor followed by ReLU), then
/// ReLU, then 2x2 max pooling where the layer has it; a fully connected layer flattens what comes in (C, H, W order).
/// On a chip (<see cref="CimSettings"/>) every layer is a <see cref="CimLayer"/>; without one, the software product Σ x·w.
/// </summary>
public sealed class InferenceNetwork
{
    private readonly Layer[] _layers;

    private sealed record Layer(string Name, LayerShape Shape, double Scale, int ActivationBits, bool Pool, bool Last, double[] Weights, CimLayer? Chip);

    public InferenceNetwork(NetworkSpec network, IReadOnlyList<double[]> weights, int weightBits, int activationBits, CimSettings? chip)
    {
        if (weights.Count != network.Layers.Length)
            throw new ArgumentException($"{weights.Count} weight matrices for {network.Layers.Length} layers", nameof(weights));
        var layers = new List<Layer>();
        long? flowing = null;
        for (var l = 0; l < network.Layers.Length; l++)
        {
            var spec = network.Layers[l];
            if (spec.Stride != 1) throw new NotSupportedException($"layer {spec.Name}: stride {spec.Stride}; the accuracy replay runs stride-1 layers (as the recorder's networks)");
            if (!spec.IsFullyConnected && (spec.KernelHeight % 2 == 0 || spec.KernelWidth % 2 == 0))
                throw new NotSupportedException($"layer {spec.Name}: kernel {spec.KernelHeight}x{spec.KernelWidth}; 'same' padding needs odd kernels");
            var shape = spec.IsFullyConnected ? LayerShape.FullyConnected(spec.IfmChannels, spec.OfmChannels)
                : new LayerShape(spec.IfmChannels, spec.IfmHeight, spec.IfmWidth, spec.KernelHeight, spec.KernelWidth, spec.OfmChannels);
            if (flowing is { } f && f != shape.InputSize)
                throw new InvalidDataException($"layer {spec.Name}: takes {shape.InputSize} inputs but the layer before gives {f}");
            var size = (long)shape.OutputSize;
            if (spec.FollowedByMaxPool) size = (long)shape.OutChannels * (shape.Height / 2) * (shape.Width / 2);
            flowing = size;
            var last = l == network.Layers.Length - 1;
            // RD-92: V2.0 reads a 3-channel input layer (RGB pixels, signed) analog, without input bits or ADC.
            var analog = chip is not null && !spec.IsFullyConnected && shape.InChannels == 3 && chip.SubArrayRows > 3;
            layers.Add(new Layer(spec.Name, shape, Scale(shape.Rows, weightBits), last ? -1 : activationBits, spec.FollowedByMaxPool, last, weights[l],
                chip is null ? null : new CimLayer(shape, weights[l], chip, analog)));
        }
        _layers = [.. layers];
    }

    public int InputSize => _layers[0].Shape.InputSize;
    public int Classes => _layers[^1].Shape.OutputSize;
    public bool OnChip => _layers[0].Chip is not null;
    public IReadOnlyList<CimLayer?> ChipLayers => [.. _layers.Select(l => l.Chip)];

    /// <summary>
    /// The layer's WAGE scale, wage_init (V2.0 wage_initializer.py, as the recorder's WageLayer): fan_in = Cin·kh·kw,
    /// scale = max(1, 2^round(log2(Wm/√(3/fan_in)))) with Wm = 1.5·16/2^(bW−1). RD-94: from the run's own wl_weight, never a
    /// hard-coded one (V2.0's inference.py overwrites it with 8).
    /// </summary>
    public static double Scale(int fanIn, int weightBits)
    {
        var limit = Math.Sqrt(3.0 / fanIn);
        var wm = 1.5 * 16 / Math.Pow(2, weightBits - 1);
        return Math.Max(Math.Pow(2, Math.Round(Math.Log2(wm / limit), MidpointRounding.ToEven)), 1.0);
    }

    /// <summary>The outputs of the last layer [batch, classes] for images [batch, C, H, W].</summary>
    /// <param name="stuck">Per layer the chip instance's stuck cells (null entries: none).</param>
    public double[] Forward(double[] images, int batch, ulong seed, int instance, int batchIndex, IReadOnlyList<byte[]?>? stuck, int parallelism, CancellationToken ct)
    {
        var x = images;
        for (var l = 0; l < _layers.Length; l++)
        {
            ct.ThrowIfCancellationRequested();
            var layer = _layers[l];
            var y = layer.Chip is { } chip
                ? chip.Forward(x, batch, new LayerRead(seed, instance, l, batchIndex, stuck?[l], parallelism), ct)
                : Software(layer, x, batch, parallelism, ct);
            for (var i = 0; i < y.Length; i++)
            {
                var v = y[i] / layer.Scale;
                if (!layer.Last) v = Math.Max(0, Wage(v, layer.ActivationBits));
                y[i] = v;
            }
            x = layer.Pool ? MaxPool(y, batch, layer.Shape) : y;
        }
        return x;
    }

    /// <summary>V2.0's WAGEQuantizer_f forward: C then Q at <paramref name="bits"/> (round half to even on the 2^-(bits−1) grid).</summary>
    public static double Wage(double v, int bits)
    {
        if (bits == -1) return v;
        var limit = bits > 15 || bits == 1 ? 1 : 1 - Math.Pow(2, 1 - bits);
        v = Math.Clamp(v, -limit, limit);
        if (bits == 1) return Math.Sign(v);
        if (bits > 15) return v;
        var steps = Math.Pow(2, bits - 1);
        return Math.Round(v * steps, MidpointRounding.ToEven) / steps;
    }

    private static double[] MaxPool(double[] y, int batch, LayerShape s)
    {
        int h = s.Height / 2, w = s.Width / 2, c = s.OutChannels;
        var o = new double[batch * c * h * w];
        for (var bc = 0; bc < batch * c; bc++)
            for (var i = 0; i < h; i++)
                for (var j = 0; j < w; j++)
                {
                    var at = bc * s.Height * s.Width + 2 * i * s.Width + 2 * j;
                    o[(bc * h + i) * w + j] = Math.Max(Math.Max(y[at], y[at + 1]), Math.Max(y[at + s.Width], y[at + s.Width + 1]));
                }
        return o;
    }

    /// <summary>The software layer: Σ x·w over the kernel ("same" zero padding), output [batch, Cout, H, W].</summary>
    private static double[] Software(Layer layer, double[] x, int batch, int parallelism, CancellationToken ct)
    {
        var s = layer.Shape;
        int cout = s.OutChannels, positions = s.Positions, kk = s.KernelHeight * s.KernelWidth;
        var y = new double[batch * s.OutputSize];
        var w = layer.Weights;
        Parallel.For(0, batch * positions, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = parallelism > 0 ? parallelism : -1 },
            () => new double[cout], (n, _, acc) =>
            {
                int b = n / positions, p = n % positions, py = p / s.Width, px = p % s.Width;
                Array.Clear(acc);
                for (var c = 0; c < s.InChannels; c++)
                    for (var i = 0; i < s.KernelHeight; i++)
                    {
                        var iy = py + i - s.KernelHeight / 2;
                        if (iy < 0 || iy >= s.Height) continue;
                        for (var j = 0; j < s.KernelWidth; j++)
                        {
                            var ix = px + j - s.KernelWidth / 2;
                            if (ix < 0 || ix >= s.Width) continue;
                            var v = x[((b * s.InChannels + c) * s.Height + iy) * s.Width + ix];
                            if (v == 0) continue;
                            var row = w.AsSpan((c * kk + i * s.KernelWidth + j) * cout, cout);
                            var o = 0;
                            if (Vector.IsHardwareAccelerated)
                            {
                                var vv = new Vector<double>(v);
                                for (; o <= cout - Vector<double>.Count; o += Vector<double>.Count)
                                    (new Vector<double>(acc.AsSpan(o)) + vv * new Vector<double>(row[o..])).CopyTo(acc.AsSpan(o));
                            }
                            for (; o < cout; o++) acc[o] += v * row[o];
                        }
                    }
                for (var o = 0; o < cout; o++) y[(b * cout + o) * positions + p] = acc[o];
                return acc;
            }, _ => { });
        return y;
    }
}
