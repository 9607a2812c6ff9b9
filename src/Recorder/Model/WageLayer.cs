using TorchSharp;
using static TorchSharp.torch;
using NeuroSim.Replay.Recorder.Wage;

namespace NeuroSim.Replay.Recorder.Model;

/// <summary>
/// A bias-free convolution ("same" padding) or fully connected layer trained with WAGE (V2.0 QConv2d/QLinear,
/// training path): weights start uniform in ±max(Wm, √(3/fan_in)) with a per-layer power-of-two scale; the forward
/// pass uses Q(w·scale) with straight-through gradients, divides the result by the scale and quantizes it as
/// <see cref="ErrorQuantizer"/> does (<see cref="FusedWeightQuantizer"/> and <see cref="FusedOutputQuantizer"/>: the same
/// operations with fewer temporaries).
/// </summary>
public sealed class WageLayer : nn.Module<Tensor, Tensor>
{
    private readonly int _weightBits, _activationBits, _errorBits;

    public WageLayer(string name, int inChannels, int outChannels, int kernel, bool convolution, int weightBits, int activationBits, int errorBits, Generator generator)
        : base(name)
    {
        LayerName = name;
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        IsConvolution = convolution;
        _weightBits = weightBits;
        _activationBits = activationBits;
        _errorBits = errorBits;
        var shape = convolution ? new long[] { outChannels, inChannels, kernel, kernel } : new long[] { outChannels, inChannels };
        var fanIn = convolution ? inChannels * kernel * kernel : inChannels;
        (Limit, Scale) = InitRange(fanIn, weightBits);
        weight = nn.Parameter(rand(shape, generator: generator) * (2 * Limit) - Limit);
        RegisterComponents();
    }

    public string LayerName { get; }
    public int InChannels { get; }
    public int OutChannels { get; }
    public int Kernel { get; }
    public bool IsConvolution { get; }
    public double Scale { get; }
    public double Limit { get; }
    public int ActivationBits => _activationBits;

    // Named as TorchSharp registers parameters.
#pragma warning disable IDE1006
    public TorchSharp.Modules.Parameter weight;
#pragma warning restore IDE1006

    /// <summary>
    /// wage_init (V2.0 utee/wage_initializer.py, factor 1): float limit √(3/fan_in); Wm = 1.5·16 / 2^(bits−1);
    /// scale = max(1, 2^round(log2(Wm/limit))); weights uniform in ±max(Wm, limit).
    /// </summary>
    public static (double Limit, double Scale) InitRange(int fanIn, int weightBits)
    {
        var floatLimit = Math.Sqrt(3.0 / fanIn);
        var wm = 1.5 * 16 / Math.Pow(2, weightBits - 1);
        var scale = Math.Max(Math.Pow(2, Math.Round(Math.Log2(wm / floatLimit), MidpointRounding.ToEven)), 1.0);
        return (Math.Max(wm, floatLimit), scale);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var w = QuantizedWeights();
        var output = IsConvolution
            ? nn.functional.conv2d(input, w, padding: [Kernel / 2, Kernel / 2])
            : nn.functional.linear(input, w);
        return QuantizeOutput(output).MoveToOuterDisposeScope();
    }

    /// <summary>The weights the forward pass uses: Q(w·scale, wl_weight), gradients passed straight through to w (V2.0 QConv2d/QLinear).</summary>
    public Tensor QuantizedWeights() => FusedWeightQuantizer.Apply(weight, Scale, _weightBits);

    /// <summary>The layer's raw output divided by the weight scale, then clipped and quantized to wl_activate bits (errors to wl_error bits backward).</summary>
    public Tensor QuantizeOutput(Tensor output) => FusedOutputQuantizer.Apply(output, Scale, _activationBits, _errorBits);

    /// <summary>The trace's weight matrix: Q(w, wl_weight) laid out [Cin·k·k, Cout] (V2.0 write_matrix_weight).</summary>
    public Tensor TraceWeights() => Wage.Wage.Quantize(weight.detach(), _weightBits).reshape(OutChannels, -1).t();
}
