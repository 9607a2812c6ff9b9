using System.Globalization;
using System.Text;
using NeuroSim.Replay.ChipModel.Network;

namespace NeuroSim.Replay.Core.Traces.V2;

/// <summary>
/// Writes a synthetic V2.0 working directory (for trying the tool without a training run, and for tests) with the wrapper's formats: random 5-bit weights (k/16),
/// weightOld = weights plus small noise at 5 decimals (some "-0.00000" cells, as numpy writes them),
/// and random input bits at ~25 % activity.
/// </summary>
public static class SyntheticV2Trace
{
    /// <summary>Three layers at 6x6 input: small enough for unit tests.</summary>
    public static readonly IReadOnlyList<string> TinyNetwork =
    [
        "6,6,3,3,3,8,0,1",
        "4,4,8,3,3,16,1,1",
        "1,1,16,1,1,10,0,1",
    ];

    /// <summary>VGG-8's layer pattern (conv-conv-pool x3, fc, fc) at 12x12 input with fewer channels: a quick sample.</summary>
    public static readonly IReadOnlyList<string> SmallVgg =
    [
        "12,12,3,3,3,32,0,1",
        "12,12,32,3,3,32,1,1",
        "6,6,32,3,3,64,0,1",
        "6,6,64,3,3,64,1,1",
        "3,3,64,3,3,128,0,1",
        "3,3,128,3,3,128,1,1",
        "1,1,128,1,1,256,0,1",
        "1,1,256,1,1,10,0,1",
    ];

    public static string Create(string directory, IReadOnlyList<string>? networkRows = null, int weightBits = 5, int activationBits = 8,
        int epoch = 0, int seed = 1)
    {
        var rows = networkRows ?? TinyNetwork;
        var network = NetworkSpec.ParseCsv(string.Join("\n", rows), "synthetic");
        var record = Path.Combine(directory, "layer_record");
        Directory.CreateDirectory(record);
        Directory.CreateDirectory(Path.Combine(directory, "NeuroSIM"));
        File.WriteAllText(Path.Combine(directory, "NeuroSIM", "NetWork.csv"), string.Join("\r\n", rows) + "\r\n");
        var random = new Random(seed);
        var levels = 1 << (weightBits - 1);
        var command = new StringBuilder($"./NeuroSIM/main {epoch} ./NeuroSIM/NetWork.csv {weightBits} {activationBits}");
        for (var l = 0; l < network.Layers.Length; l++)
        {
            var spec = network.Layers[l];
            var (r, c) = (spec.WeightRows, spec.WeightColumns);
            var w = new StringBuilder();
            var old = new StringBuilder();
            for (var i = 0; i < r; i++)
            {
                for (var j = 0; j < c; j++)
                {
                    var code = random.Next(-(levels - 1), levels);
                    var value = (double)code / levels;
                    var noisy = Math.Clamp(Math.Round(value + (random.NextDouble() - 0.5) * 0.02, 5), -1, 1);
                    if (j > 0) { w.Append(','); old.Append(','); }
                    w.Append(Format(value));
                    old.Append(random.Next(50) == 0 ? "  -0.00000" : Format(noisy));
                }
                w.Append('\n');
                old.Append('\n');
            }
            var cols = spec.InputPositions * activationBits;
            var input = new StringBuilder();
            long ones = 0;
            for (var i = 0; i < r; i++)
            {
                for (var j = 0; j < cols; j++)
                {
                    var bit = random.Next(4) == 0 ? 1 : 0;
                    ones += bit;
                    if (j > 0) input.Append(',');
                    input.Append(bit);
                }
                input.Append('\n');
            }
            var name = $"L{l}";
            File.WriteAllText(Path.Combine(record, $"weight{name}.csv"), w.ToString());
            File.WriteAllText(Path.Combine(record, $"weightOld{name}.csv"), old.ToString());
            File.WriteAllText(Path.Combine(record, $"input{name}.csv"), input.ToString());
            var activity = (double)ones / ((long)r * cols);
            command.Append(CultureInfo.InvariantCulture,
                $" ./layer_record/weight{name}.csv ./layer_record/weightOld{name}.csv ./layer_record/input{name}.csv {activity.ToString("R", CultureInfo.InvariantCulture)}");
        }
        File.WriteAllText(Path.Combine(directory, V2TraceFolder.CommandFile), command + " ");
        return directory;
    }

    private static string Format(double v) => v.ToString("F5", CultureInfo.InvariantCulture).PadLeft(10);
}
