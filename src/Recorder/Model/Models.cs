namespace NeuroSim.Replay.Recorder.Model;

/// <summary>
/// Built-in networks: VGG-8 for CIFAR-10 exactly as V2.0 (conv128-conv128-pool-conv256-conv256-pool-conv512-conv512-pool-
/// fc1024-fc10, 3x3 same padding, no bias, ReLU), an MLP and a LeNet-style CNN for MNIST; or a spec file, one step a line:
/// <c>input C H W</c> first, then <c>conv OUT K</c>, <c>pool</c>, <c>fc OUT</c>; '#' starts a comment.
/// </summary>
public static class Models
{
    public static readonly IReadOnlyList<string> BuiltIn = ["mnist-mlp", "mnist-cnn", "vgg8"];

    /// <summary>784-512-10: wide enough that the default 128x128-subarray chip accepts it (tiles need 512 columns).</summary>
    public static NetworkDescription MnistMlp => new("mnist-mlp", 1, 28, 28, [new FcStep(512), new FcStep(10)]);

    public static NetworkDescription MnistCnn => new("mnist-cnn", 1, 28, 28,
        [new ConvStep(32, 5), new PoolStep(), new ConvStep(64, 5), new PoolStep(), new FcStep(512), new FcStep(10)]);

    public static NetworkDescription Vgg8 => new("vgg8", 3, 32, 32,
        [new ConvStep(128, 3), new ConvStep(128, 3), new PoolStep(), new ConvStep(256, 3), new ConvStep(256, 3), new PoolStep(),
         new ConvStep(512, 3), new ConvStep(512, 3), new PoolStep(), new FcStep(1024), new FcStep(10)]);

    /// <summary>A built-in name or a spec file path.</summary>
    public static NetworkDescription Resolve(string model) => model switch
    {
        "mnist-mlp" => MnistMlp,
        "mnist-cnn" => MnistCnn,
        "vgg8" => Vgg8,
        _ when File.Exists(model) => ParseSpec(File.ReadAllText(model), model),
        _ => throw new ArgumentException($"--model: '{model}' is neither a built-in model ({string.Join(", ", BuiltIn)}) nor a spec file"),
    };

    /// <summary>The spec text of a description (what <see cref="ParseSpec"/> reads back).</summary>
    public static string ToSpec(NetworkDescription d) =>
        string.Join("\n", new[] { $"input {d.InputChannels} {d.InputHeight} {d.InputWidth}" }.Concat(d.Steps.Select(s => s switch
        {
            ConvStep c => $"conv {c.OutChannels} {c.Kernel}",
            PoolStep => "pool",
            FcStep f => $"fc {f.OutFeatures}",
            _ => throw new ArgumentException($"unknown step {s}"),
        }))) + "\n";

    public static NetworkDescription ParseSpec(string text, string source, string? name = null)
    {
        int? c = null, h = null, w = null;
        var steps = new List<NetworkStep>();
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Split('#')[0].Trim();
            if (line.Length == 0) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            int Arg(int i)
            {
                if (parts.Length <= i || !int.TryParse(parts[i], out var v) || v <= 0)
                    throw new FormatException($"{source}:{n + 1}: '{line}': expected a positive integer as argument {i}");
                return v;
            }
            void Arity(int count)
            {
                if (parts.Length != count) throw new FormatException($"{source}:{n + 1}: '{line}': '{parts[0]}' takes {count - 1} argument(s)");
            }
            switch (parts[0].ToLowerInvariant())
            {
                case "input": Arity(4); (c, h, w) = (Arg(1), Arg(2), Arg(3)); break;
                case "conv":
                    Arity(3);
                    var k = Arg(2);
                    if (k % 2 == 0) throw new FormatException($"{source}:{n + 1}: kernel {k} must be odd ('same' padding)");
                    steps.Add(new ConvStep(Arg(1), k));
                    break;
                case "pool": Arity(1); steps.Add(new PoolStep()); break;
                case "fc": Arity(2); steps.Add(new FcStep(Arg(1))); break;
                default: throw new FormatException($"{source}:{n + 1}: unknown step '{parts[0]}' (input, conv, pool, fc)");
            }
        }
        if (c is null) throw new FormatException($"{source}: no 'input C H W' line");
        if (steps.Count == 0) throw new FormatException($"{source}: no layers");
        return new NetworkDescription(name ?? Path.GetFileNameWithoutExtension(source), c.Value, h!.Value, w!.Value, steps);
    }
}
