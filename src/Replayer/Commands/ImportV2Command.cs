using System.CommandLine;
using System.Diagnostics;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Traces.V2;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary><c>import-v2 DIR [--run NAME] [--epoch N] [--network FILE] [--store …]</c></summary>
public static class ImportV2Command
{
    public static Command Create(CommandIo io)
    {
        var dir = new Argument<string>("DIR") { Description = "A V2.0 working directory (layer_record/trace_command.sh, NeuroSIM/NetWork.csv)." };
        var run = new Option<string?>("--run") { Description = "Run name (default: the folder's name). An existing run gets another epoch." };
        var epoch = new Option<int?>("--epoch") { Description = "Epoch number (default: the one in trace_command.sh)." };
        var network = new Option<string?>("--network") { Description = "NetWork.csv to use instead of DIR/NeuroSIM/NetWork.csv." };
        var store = CommandIo.StoreOption();
        var cmd = new Command("import-v2", "Import a V2.0 layer_record folder as one epoch of a run (one atomic append).")
        {
            dir, run, epoch, network, store,
        };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var folderPath = parse.GetValue(dir)!;
            var name = parse.GetValue(run) ?? DefaultRunName(folderPath);
            if (!StreamIds.IsValidRunName(name))
                throw new ArgumentException($"--run: '{name}' is not a valid run name ({StreamIds.RunNameRule}).");
            var epochValue = parse.GetValue(epoch);
            if (epochValue is < 0) throw new ArgumentException($"--epoch: {epochValue} must be ≥ 0.");
            var address = CommandIo.Address(parse, store);
            var sw = Stopwatch.StartNew();
            var folder = V2TraceFolder.Read(folderPath, parse.GetValue(network), ct);
            var read = sw.Elapsed;
            await using var events = await address.OpenOrCreateForWriting(ct);
            var result = await V2Importer.Import(events, folder, name, epochValue, ct);
            sw.Stop();
            await io.Out.WriteLineAsync(
                $"imported {folderPath} as run '{result.RunName}' epoch {result.Epoch} ({result.Layers} layers{(result.NewRun ? ", new run" : "")}) into {address}");
            await io.Out.WriteLineAsync(
                $"  {Mb(result.SourceBytes)} of CSV -> {Mb(result.StoredBytes)} stored ({(double)result.SourceBytes / Math.Max(1, result.StoredBytes):F1}x) in {sw.Elapsed.TotalSeconds:F1} s (parse {read.TotalSeconds:F1} s)");
            return 0;
        }));
        return cmd;
    }

    private static string Mb(long bytes) => $"{bytes / 1e6:F1} MB";

    /// <summary>The folder's name, made a valid run name.</summary>
    internal static string DefaultRunName(string folder)
    {
        var name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        var clean = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray()).TrimStart('.', '_', '-');
        if (clean.Length > 100) clean = clean[..100];
        return clean.Length == 0 ? "imported" : clean;
    }
}
