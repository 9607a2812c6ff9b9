using System.Collections.Immutable;
using System.Globalization;
using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.Core.Traces.V2;

/// <summary>One layer's arguments in trace_command.sh: weight, weightOld and input files, and the input activity.</summary>
public sealed record TraceCommandLayer(string WeightFile, string WeightOldFile, string InputFile, double Activity);

/// <summary>
/// The V2.0 wrapper's <c>layer_record/trace_command.sh</c>:
/// <c>./NeuroSIM/main EPOCH NETWORK.csv WL_WEIGHT WL_ACTIVATION</c> then, per layer,
/// <c>WEIGHT.csv WEIGHT_OLD.csv INPUT.csv ACTIVITY</c>.
/// </summary>
public sealed record TraceCommand(int Epoch, string NetworkFile, int WeightBits, int ActivationBits, ImmutableArray<TraceCommandLayer> Layers)
{
    public static TraceCommand Parse(string text, string source)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var li = 0; li < lines.Length; li++)
        {
            var line = lines[li].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            return FromWords(line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries), source, li + 1);
        }
        throw new TraceFormatException(source, "holds no command line");
    }

    /// <summary>
    /// The arguments <c>NeuroSIM/main</c> is called with (after the program's name):
    /// <c>EPOCH NETWORK.csv WL_WEIGHT WL_ACTIVATION</c> then four per layer. Errors name the argument.
    /// </summary>
    public static TraceCommand FromArguments(IReadOnlyList<string> arguments, string source = "arguments") =>
        FromWords(["./NeuroSIM/main", .. arguments], source, 0);

    private static TraceCommand FromWords(string[] tokens, string source, long lineNo)
    {
        if (tokens.Length < 5)
            throw new TraceFormatException(source, $"expected './NeuroSIM/main EPOCH NETWORK WL_WEIGHT WL_ACTIVATION' followed by 4 arguments per layer, found {tokens.Length} words", lineNo);
        var epoch = Int(tokens, 1, "epoch", source, lineNo, 0, int.MaxValue);
        var wBits = Int(tokens, 3, "wl_weight", source, lineNo, 1, 16);
        var aBits = Int(tokens, 4, "wl_activation", source, lineNo, 1, 16);
        var rest = tokens.Length - 5;
        if (rest == 0 || rest % 4 != 0)
            throw new TraceFormatException(source, $"after the first 5 words expected 4 per layer (weight, weightOld, input, activity), found {rest}", lineNo);
        var layers = ImmutableArray.CreateBuilder<TraceCommandLayer>();
        for (var i = 5; i < tokens.Length; i += 4)
        {
            var layer = layers.Count;
            if (!double.TryParse(tokens[i + 3], NumberStyles.Float, CultureInfo.InvariantCulture, out var activity) || !double.IsFinite(activity))
                throw new TraceFormatException(source, $"activity of layer {layer} '{tokens[i + 3]}' is not a number (word {i + 4})", lineNo);
            if (activity is < 0 or > 1)
                throw new TraceFormatException(source, $"activity of layer {layer} is {activity}; it must be in [0, 1] (word {i + 4})", lineNo);
            layers.Add(new TraceCommandLayer(tokens[i], tokens[i + 1], tokens[i + 2], activity));
        }
        return new TraceCommand(epoch, tokens[2], wBits, aBits, layers.ToImmutable());
    }

    private static int Int(string[] tokens, int index, string what, string source, long line, int min, int max)
    {
        if (!int.TryParse(tokens[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw new TraceFormatException(source, $"{what} '{tokens[index]}' is not an integer (word {index + 1})", line);
        if (v < min || v > max)
            throw new TraceFormatException(source, $"{what} {v} is out of range [{min}, {max}] (word {index + 1})", line);
        return v;
    }

    /// <summary>The command text, as the V2.0 wrapper writes it.</summary>
    public string ToShell()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"./NeuroSIM/main {Epoch} {NetworkFile} {WeightBits} {ActivationBits}");
        foreach (var l in Layers)
            sb.Append(CultureInfo.InvariantCulture, $" {l.WeightFile} {l.WeightOldFile} {l.InputFile} {l.Activity.ToString("R", CultureInfo.InvariantCulture)}");
        sb.Append(" \n");
        return sb.ToString();
    }
}
