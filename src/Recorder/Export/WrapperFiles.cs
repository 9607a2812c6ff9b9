using System.Globalization;
using System.Text;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.IO;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Recorder.Export;

/// <summary>
/// The V2.0 wrapper's per-epoch files from a recorded run (train.py): PythonWrapper_Output.csv (epoch, average test
/// loss, accuracy), input_activity.csv (each layer's traced input activity), weight_dist.csv and delta_dist.csv
/// (per layer mean then standard deviation of the weights and of the last update). RD-83: V2.0 overwrote its traces every
/// epoch; here every epoch of the run is written. Each file is replaced atomically.
/// </summary>
public static class WrapperFiles
{
    public static async Task<IReadOnlyList<string>> Write(IReadOnlyEventStore store, string runName, string directory, CancellationToken ct)
    {
        var summary = await RunReader.ReadSummary(store, runName, ct) ?? throw new RunNotFoundException($"Run '{runName}' not found in the store.");
        var layers = summary.Network.Layers.Length;
        var activity = new SortedDictionary<int, double[]>();
        var states = new SortedDictionary<int, LayerDeviceStateRecorded[]>();
        await foreach (var e in RunReader.ReadAll(store, StreamIds.Run(runName), [EventTypeNames.LayerTraceRecorded, EventTypeNames.LayerDeviceStateRecorded], ct))
        {
            switch (EventSerializer.Deserialize(e))
            {
                case LayerTraceRecorded t:
                    (activity.TryGetValue(t.Epoch, out var a) ? a : activity[t.Epoch] = new double[layers])[t.LayerIndex] = t.Activity;
                    break;
                case LayerDeviceStateRecorded s:
                    (states.TryGetValue(s.Epoch, out var st) ? st : states[s.Epoch] = new LayerDeviceStateRecorded[layers])[s.LayerIndex] = s;
                    break;
            }
        }
        AtomicFile.CreateFolder(directory);
        var written = new List<string>();
        void Save(string name, StringBuilder text)
        {
            var path = Path.Combine(directory, name);
            AtomicFile.WriteText(path, text.ToString());
            written.Add(path);
        }
        static string F(double v) => v.ToString("F6", CultureInfo.InvariantCulture);

        var output = new StringBuilder("epoch,average loss,accuracy\n");
        foreach (var ev in summary.Evaluations.OrderBy(e => e.Epoch))
            output.Append(CultureInfo.InvariantCulture, $"{F(ev.Epoch)},{F(ev.TestLoss)},{F(ev.TestAccuracy)}\n");
        Save("PythonWrapper_Output.csv", output);

        var act = new StringBuilder();
        foreach (var (_, values) in activity) act.Append(string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        Save("input_activity.csv", act);

        string Header() => string.Join(",", Enumerable.Range(1, layers).Select(i => $"{i}_mean").Concat(Enumerable.Range(1, layers).Select(i => $"{i}_std"))) + "\n";
        var weights = new StringBuilder(Header());
        var deltas = new StringBuilder(Header());
        foreach (var (_, s) in states)
        {
            if (s.Any(x => x is null)) continue;
            weights.Append(string.Join(",", s.Select(x => F(x.WeightMean)).Concat(s.Select(x => F(x.WeightStd))))).Append('\n');
            deltas.Append(string.Join(",", s.Select(x => F(x.DeltaMean)).Concat(s.Select(x => F(x.DeltaStd))))).Append('\n');
        }
        Save("weight_dist.csv", weights);
        Save("delta_dist.csv", deltas);

        // With the replayer: the chip estimates of the V2.0 default chip, one row per replayed epoch.
        var stored = await Core.Replays.ReplayEngine.ReadStored(store, runName, new Core.Replays.ReplayConfig("default", ChipModel.Hardware.HardwareConfig.Default), ct);
        if (stored.Count > 0)
        {
            var rows = new StringBuilder(Core.Results.V2ResultWriter.OutputHeader).Append('\n');
            foreach (var (_, e) in stored.OrderBy(kv => kv.Key))
                rows.Append(Core.Results.V2ResultWriter.OutputRow(Core.Replays.EstimateContracts.ToFigures(e))).Append('\n');
            Save("NeuroSim_Output.csv", rows);
        }
        return written;
    }
}
