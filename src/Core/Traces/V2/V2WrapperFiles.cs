using System.Collections.Immutable;
using System.Globalization;
using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.Core.Traces.V2;

/// <summary>One row of the wrapper's PythonWrapper_Output.csv: the epoch's test loss (average over mini-batches) and accuracy (%).</summary>
public sealed record WrapperEvaluation(int Epoch, double TestLoss, double TestAccuracy);

/// <summary>One row of weight_dist.csv or delta_dist.csv: per layer (the wrapper's parameter order) the mean and standard deviation.</summary>
public sealed record WrapperDistribution(int Epoch, ImmutableArray<double> Means, ImmutableArray<double> Stds);

/// <summary>
/// The files the V2.0 wrapper (train.py, utee/hook.py) keeps in its working directory across epochs, as far as they are
/// written when <c>NeuroSIM/main</c> runs: <c>PythonWrapper_Output.csv</c> (epoch, average test loss, accuracy),
/// <c>weight_dist.csv</c> and <c>delta_dist.csv</c> (a row per epoch: every layer's mean, then every layer's standard
/// deviation) and <c>input_activity.csv</c> (a row per tested epoch: every layer's input bit activity).
/// train.py appends to the first three through buffered files it never flushes, so their last rows appear late; a line
/// without its newline is not read yet (a later call reads it). The files are opened for appending, so a second
/// training in the same folder adds another header: only the rows after the last header are this training's.
/// </summary>
public sealed record V2WrapperFiles(
    ImmutableArray<WrapperEvaluation> Evaluations,
    ImmutableArray<WrapperDistribution> Weights,
    ImmutableArray<WrapperDistribution> Deltas,
    ImmutableArray<ImmutableArray<double>> InputActivities)
{
    public const string EvaluationFile = "PythonWrapper_Output.csv";
    public const string WeightFile = "weight_dist.csv";
    public const string DeltaFile = "delta_dist.csv";
    public const string ActivityFile = "input_activity.csv";

    public static V2WrapperFiles None { get; } = new([], [], [], []);

    /// <summary>Reads whichever of the files are in <paramref name="directory"/>; a malformed complete line is an error naming file and line.</summary>
    public static V2WrapperFiles Read(string directory)
    {
        var evaluations = ImmutableArray.CreateBuilder<WrapperEvaluation>();
        foreach (var (fields, file, line) in Rows(Path.Combine(directory, EvaluationFile), hasHeader: true))
        {
            if (fields.Length < 3) throw new TraceFormatException(file, $"expected 'epoch,average loss,accuracy', found {fields.Length} field(s)", line);
            var epoch = Number(fields[0], file, line, "epoch");
            if (epoch < 0 || epoch != Math.Floor(epoch) || epoch > int.MaxValue) throw new TraceFormatException(file, $"epoch '{fields[0]}' is not a whole number ≥ 0", line);
            evaluations.Add(new WrapperEvaluation((int)epoch, Number(fields[1], file, line, "average loss"), Number(fields[2], file, line, "accuracy")));
        }
        var activities = ImmutableArray.CreateBuilder<ImmutableArray<double>>();
        foreach (var (fields, file, line) in Rows(Path.Combine(directory, ActivityFile), hasHeader: false))
            activities.Add([.. fields.Where(f => f.Length > 0).Select(f => Number(f, file, line, "activity"))]);
        return new V2WrapperFiles(evaluations.ToImmutable(), Distributions(Path.Combine(directory, WeightFile)), Distributions(Path.Combine(directory, DeltaFile)),
            activities.ToImmutable());
    }

    private static ImmutableArray<WrapperDistribution> Distributions(string path)
    {
        var rows = ImmutableArray.CreateBuilder<WrapperDistribution>();
        foreach (var (fields, file, line) in Rows(path, hasHeader: true))
        {
            if (fields.Length % 2 != 0) throw new TraceFormatException(file, $"expected every layer's mean then every layer's std, found {fields.Length} fields (odd)", line);
            var values = fields.Select(f => Number(f, file, line, "value")).ToArray();
            var layers = values.Length / 2;
            rows.Add(new WrapperDistribution(rows.Count, [.. values[..layers]], [.. values[layers..]]));
        }
        return rows.ToImmutable();
    }

    /// <summary>The complete data lines after the last header (a line whose first field is not a number), with their 1-based line numbers.</summary>
    private static List<(string[] Fields, string File, int Line)> Rows(string path, bool hasHeader)
    {
        var rows = new List<(string[], string, int)>();
        if (!File.Exists(path)) return rows;
        string text;
        // The wrapper may be appending right now: share the file, read what is there.
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream))
            text = reader.ReadToEnd();
        var complete = text.LastIndexOf('\n');
        if (complete < 0) return rows;
        var lines = text[..complete].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0) continue;
            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            if (hasHeader && !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                rows.Clear();   // a header: what came before was another training's
                continue;
            }
            rows.Add((fields, path, i + 1));
        }
        return rows;
    }

    private static double Number(string text, string file, int line, string what) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new TraceFormatException(file, $"{what} '{text}' is not a number", line);
}
