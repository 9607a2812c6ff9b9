using System.Collections.Immutable;
using NeuroSim.Replay.ChipModel.Network;
using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.Core.Traces.V2;

/// <summary>One layer read from a layer_record folder, values exact as written.</summary>
public sealed record V2LayerFiles(
    int LayerIndex,
    LayerSpec Layer,
    DecimalMatrix Weights,
    DecimalMatrix WeightsBeforeUpdate,
    BitMatrix Input,
    double Activity,
    TraceCommandLayer Files);

/// <summary>
/// A V2.0 working directory: <c>layer_record/trace_command.sh</c> (layer order, precisions, files, activities)
/// and <c>NeuroSIM/NetWork.csv</c>. Reading checks every shape against the network and every value's range.
/// </summary>
public sealed record V2TraceFolder(string Directory, TraceCommand Command, NetworkSpec Network, ImmutableArray<V2LayerFiles> Layers)
{
    public const string CommandFile = "layer_record/trace_command.sh";
    public const string DefaultNetworkFile = "NeuroSIM/NetWork.csv";

    /// <summary>Reads and validates the folder; files are parsed in parallel.</summary>
    public static V2TraceFolder Read(string directory, string? networkFile = null, CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new TraceFormatException(directory, "folder not found");
        var commandPath = Path.Combine(directory, CommandFile);
        if (!File.Exists(commandPath))
            throw new TraceFormatException(commandPath, "file not found (a V2.0 working directory holds layer_record/trace_command.sh)");
        var command = TraceCommand.Parse(File.ReadAllText(commandPath), commandPath);
        var netPath = networkFile ?? Path.Combine(directory, DefaultNetworkFile);
        if (!File.Exists(netPath))
            throw new TraceFormatException(netPath, networkFile is null ? "file not found (pass --network FILE)" : "file not found");
        return FromCommand(directory, command, commandPath, netPath, cancellationToken);
    }

    /// <summary>
    /// Reads and validates the files a command names (relative to <paramref name="directory"/>, as <c>NeuroSIM/main</c>
    /// resolves them against its working directory); <paramref name="commandSource"/> names the command in errors.
    /// </summary>
    public static V2TraceFolder FromCommand(string directory, TraceCommand command, string commandSource, string netPath, CancellationToken cancellationToken = default)
    {
        var commandPath = commandSource;
        if (!File.Exists(netPath)) throw new TraceFormatException(netPath, "file not found");
        var names = command.Layers.Select(l => LayerNameFromFile(l.WeightFile)).ToList();
        if (names.Distinct().Count() != names.Count) names = Enumerable.Range(0, names.Count).Select(i => $"L{i}").ToList();
        var network = NetworkSpec.ParseCsv(File.ReadAllText(netPath), netPath, names);
        if (network.Layers.Length != command.Layers.Length)
            throw new TraceFormatException(commandPath, $"names {command.Layers.Length} layers, but {netPath} has {network.Layers.Length}");

        var layers = new V2LayerFiles[command.Layers.Length];
        var jobs = command.Layers.SelectMany((l, i) => new[] { (i, 0), (i, 1), (i, 2) })
            .OrderByDescending(j => SizeOf(directory, command.Layers[j.i], j.Item2)).ToArray();
        var weights = new DecimalMatrix[layers.Length];
        var olds = new DecimalMatrix[layers.Length];
        var inputs = new BitMatrix[layers.Length];
        var errors = new TraceFormatException?[layers.Length * 3];
        Parallel.ForEach(jobs, new ParallelOptions { CancellationToken = cancellationToken }, job =>
        {
            var (i, kind) = job;
            var files = command.Layers[i];
            var spec = network.Layers[i];
            try
            {
                switch (kind)
                {
                    case 0: weights[i] = V2CsvReader.ReadDecimals(Resolve(directory, files.WeightFile), 1.0, spec.WeightColumns); break;
                    case 1: olds[i] = V2CsvReader.ReadDecimals(Resolve(directory, files.WeightOldFile), 1.0, spec.WeightColumns); break;
                    default: inputs[i] = V2CsvReader.ReadLeadingBits(Resolve(directory, files.InputFile), spec.InputPositions * command.ActivationBits); break;   // RD-116
                }
            }
            catch (TraceFormatException ex)
            {
                errors[i * 3 + kind] = ex;
            }
        });
        // One error, the first in layer order, whatever order the parallel reads finished in.
        if (errors.FirstOrDefault(e => e is not null) is { } first) throw first;
        for (var i = 0; i < layers.Length; i++)
        {
            var spec = network.Layers[i];
            var files = command.Layers[i];
            CheckShape(Resolve(directory, files.WeightFile), weights[i].Rows, weights[i].Columns, spec.WeightRows, spec.WeightColumns, spec, i);
            CheckShape(Resolve(directory, files.WeightOldFile), olds[i].Rows, olds[i].Columns, spec.WeightRows, spec.WeightColumns, spec, i);
            CheckShape(Resolve(directory, files.InputFile), inputs[i].Rows, inputs[i].Columns, spec.WeightRows,
                spec.InputPositions * command.ActivationBits, spec, i);
            layers[i] = new V2LayerFiles(i, spec, weights[i], olds[i], inputs[i], files.Activity, files);
        }
        return new V2TraceFolder(directory, command, network, [.. layers]);
    }

    /// <summary>The folder's traces decoded as the chip model reads them.</summary>
    public EpochTrace ToEpochTrace(string runName = "v2") =>
        new(runName, Command.Epoch, Network, Command.WeightBits, Command.ActivationBits,
            [.. Layers.Select(l => new LayerTrace(l.LayerIndex, l.Layer, l.Weights.ToDoubles(), l.WeightsBeforeUpdate.ToDoubles(), l.Input, l.Activity))]);

    /// <summary>"./layer_record/weightConv0_.csv" → "Conv0"; "weightL3.csv" → "L3".</summary>
    public static string LayerNameFromFile(string weightFile)
    {
        var name = Path.GetFileNameWithoutExtension(weightFile);
        if (name.StartsWith("weight", StringComparison.Ordinal)) name = name["weight".Length..];
        name = name.Trim('_');
        return name.Length == 0 ? "layer" : name;
    }

    public static string Resolve(string directory, string file) =>
        Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(directory, file));

    private static long SizeOf(string directory, TraceCommandLayer l, int kind)
    {
        var f = new FileInfo(Resolve(directory, kind switch { 0 => l.WeightFile, 1 => l.WeightOldFile, _ => l.InputFile }));
        return f.Exists ? f.Length : 0;
    }

    private static void CheckShape(string file, int rows, int cols, int wantRows, int wantCols, LayerSpec spec, int index)
    {
        if (rows != wantRows || cols != wantCols)
            throw new TraceFormatException(file,
                $"shape {rows}x{cols} does not match layer {index} ({spec.Name}) of the network: expected {wantRows}x{wantCols} " +
                $"(from NetWork.csv row {index + 1}: {spec.ToCsvRow()})");
    }
}
