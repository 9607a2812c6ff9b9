using NeuroSim.Replay.ChipModel.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Model;

/// <summary>One step of a sequential network description.</summary>
public abstract record NetworkStep;
/// <summary>k×k convolution, "same" padding, then ReLU.</summary>
public sealed record ConvStep(int OutChannels, int Kernel) : NetworkStep;
/// <summary>Fully connected layer (flattening what comes in), then ReLU unless it is the last layer.</summary>
public sealed record FcStep(int OutFeatures) : NetworkStep;
/// <summary>2×2 max pooling, stride 2.</summary>
public sealed record PoolStep : NetworkStep;

/// <summary>
/// A sequential WAGE network: conv/fc layers with ReLU after each but the last, max pooling, flattening before
/// the first fc layer. Can capture each layer's input for the first image of a batch (the V2.0 trace hook).
/// </summary>
public sealed class WageNetwork : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.ModuleList<WageLayer> layers;
    private readonly List<(int Layer, bool Pool)> _plan = [];
    private readonly WageLayer[] _layers;

    public WageNetwork(NetworkDescription description, int weightBits, int activationBits, int errorBits, Generator generator)
        : base(description.Name)
    {
        Description = description;
        var list = new List<WageLayer>();
        var specs = new List<LayerSpec>();
        int c = description.InputChannels, h = description.InputHeight, w = description.InputWidth;
        var fcSeen = false;
        var layerCount = description.Steps.Count(s => s is ConvStep or FcStep);
        foreach (var step in description.Steps)
        {
            switch (step)
            {
                case ConvStep conv:
                    if (fcSeen) throw new ArgumentException($"network '{description.Name}': a convolution cannot follow a fully connected layer");
                    list.Add(new WageLayer($"Conv{list.Count}_", c, conv.OutChannels, conv.Kernel, true, weightBits, activationBits, errorBits, generator));
                    specs.Add(new LayerSpec($"Conv{list.Count - 1}_", h, w, c, conv.Kernel, conv.Kernel, conv.OutChannels, false, 1));
                    _plan.Add((list.Count - 1, false));
                    c = conv.OutChannels;
                    break;
                case PoolStep:
                    if (_plan.Count == 0 || fcSeen) throw new ArgumentException($"network '{description.Name}': pooling must follow a convolution");
                    if (h < 2 || w < 2) throw new ArgumentException($"network '{description.Name}': nothing left to pool ({h}x{w})");
                    _plan[^1] = (_plan[^1].Layer, true);
                    specs[^1] = specs[^1] with { FollowedByMaxPool = true };
                    h /= 2;
                    w /= 2;
                    break;
                case FcStep fc:
                    var inFeatures = c * h * w;
                    var last = list.Count + 1 == layerCount;
                    list.Add(new WageLayer($"FC{list.Count}_", inFeatures, fc.OutFeatures, 1, false, weightBits, last ? -1 : activationBits, errorBits, generator));
                    specs.Add(new LayerSpec($"FC{list.Count - 1}_", 1, 1, inFeatures, 1, 1, fc.OutFeatures, false, 1));
                    _plan.Add((list.Count - 1, false));
                    (c, h, w) = (fc.OutFeatures, 1, 1);
                    fcSeen = true;
                    break;
            }
        }
        if (list.Count == 0 || list[^1].IsConvolution) throw new ArgumentException($"network '{description.Name}': the last layer must be fully connected (fc N)");
        _layers = [.. list];
        layers = nn.ModuleList(_layers);
        Network = new NetworkSpec([.. specs]);
        RegisterComponents();
    }

    public NetworkDescription Description { get; }
    /// <summary>The chip model's view (V2.0 NetWork.csv rows).</summary>
    public NetworkSpec Network { get; }
    public IReadOnlyList<WageLayer> Layers => _layers;

    /// <summary>When set, each layer's input for the first image is kept here (detached), in layer order.</summary>
    public List<Tensor>? CapturedInputs { get; set; }

    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var (index, pool) in _plan)
        {
            var layer = _layers[index];
            if (!layer.IsConvolution && x.dim() > 2) x = x.flatten(1);
            CapturedInputs?.Add(x[0].detach().clone());
            x = layer.forward(x);
            if (index < _layers.Length - 1) x = nn.functional.relu(x);
            if (pool) x = nn.functional.max_pool2d(x, 2, 2);
        }
        return x;
    }
}
