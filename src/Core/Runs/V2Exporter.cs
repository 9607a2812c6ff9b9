using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.IO;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Runs;

/// <summary>
/// Writes an epoch of a run back as a V2.0 working directory (layer_record/*.csv, trace_command.sh,
/// NeuroSIM/NetWork.csv). Each file is written to a temporary name and moved into place when complete.
/// </summary>
public static class V2Exporter
{
    public static async Task<IReadOnlyList<string>> Export(IReadOnlyEventStore store, string runName, int epoch, string outDir,
        CancellationToken cancellationToken = default)
    {
        var (run, layers) = await RunReader.ReadEpochEvents(store, runName, epoch, cancellationToken).ConfigureAwait(false);
        var recordDir = Path.Combine(outDir, "layer_record");
        var netDir = Path.Combine(outDir, "NeuroSIM");
        AtomicFile.CreateFolder(recordDir);
        AtomicFile.CreateFolder(netDir);
        var written = new List<string>();
        var commandLayers = new TraceCommandLayer[layers.Length];
        var files = new List<(string Path, Action<Stream> Write)>();
        for (var i = 0; i < layers.Length; i++)
        {
            var l = layers[i];
            var name = string.IsNullOrEmpty(l.LayerName) ? $"L{l.LayerIndex}" : l.LayerName;
            var wName = FileName(l.WeightsFile, $"weight{name}.csv");
            var oName = FileName(l.WeightsBeforeUpdateFile, $"weightOld{name}.csv");
            var iName = FileName(l.InputFile, $"input{name}.csv");
            commandLayers[i] = new TraceCommandLayer($"./layer_record/{wName}", $"./layer_record/{oName}", $"./layer_record/{iName}", l.Activity);
            var where = $"run {runName} epoch {epoch} layer {l.LayerIndex}";
            files.Add((Path.Combine(recordDir, wName), s => WriteValues(s, l.Weights, null, $"{where} weights")));
            files.Add((Path.Combine(recordDir, oName), s => WriteValues(s, l.WeightsBeforeUpdate, l.Weights, $"{where} weights before update")));
            files.Add((Path.Combine(recordDir, iName), s => V2CsvWriter.WriteBits(s, TraceEncoder.DecodeBits(l.Inputs[0], $"{where} input"))));
        }
        var command = new TraceCommand(epoch, "./NeuroSIM/NetWork.csv", run.WeightBits, run.ActivationBits, [.. commandLayers]);
        files.Add((Path.Combine(recordDir, "trace_command.sh"), s => Write(s, command.ToShell())));
        files.Add((Path.Combine(netDir, "NetWork.csv"), s => Write(s, run.Network.ToCsv())));

        await Parallel.ForEachAsync(files, cancellationToken, (f, ct) =>
        {
            AtomicFile.Write(f.Path, f.Write);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        written.AddRange(files.Select(f => f.Path));
        return written;
    }

    private static void WriteValues(Stream s, Tensor t, Tensor? reference, string name)
    {
        var exact = TraceEncoder.TryDecodeDecimal(t, name, reference);
        if (exact is not null) V2CsvWriter.WriteDecimals(s, exact);
        else V2CsvWriter.WriteDoubles(s, TensorCodec.DecodeValues(t, name, reference), (int)t.Shape[0], (int)t.Shape[1]);
    }

    private static void Write(Stream s, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        s.Write(bytes);
    }

    private static string FileName(string recorded, string fallback) =>
        string.IsNullOrEmpty(recorded) ? fallback : Path.GetFileName(recorded);
}
