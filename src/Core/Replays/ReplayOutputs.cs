using System.Globalization;
using System.Text;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.IO;
using NeuroSim.Replay.Core.Results;
using NeuroSim.Replay.Core.Text;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>One configuration's figures over the replayed epochs, for the summary table.</summary>
public sealed record ConfigSummary(ReplayConfig Config, int Epochs, double AreaMm2, double EnergyPerEpochJ, double LatencyPerEpochS, double TopsPerW, double Tops)
{
    /// <summary>Weight-update energy per epoch as V2.0 charges it (RD-76: last update × numIteration) and from every recorded batch (0: no batch events).</summary>
    public double WuEnergyV2J { get; init; }
    public double WuEnergyAllBatchesJ { get; init; }

    public static ConfigSummary Of(ReplayConfig config, IReadOnlyList<ReplayResult> results)
    {
        var f = results.Select(r => r.Figures).ToList();
        static double Energy(ChipModel.Circuit.Chip.EpochFigures x) => x.Total.EnergyFW + x.Total.EnergyAG + x.Total.EnergyWG + x.Total.EnergyWU + x.LeakageEnergy;
        static double Latency(ChipModel.Circuit.Chip.EpochFigures x) => x.Total.LatencyFW + x.Total.LatencyAG + x.Total.LatencyWG + x.Total.LatencyWU;
        return new ConfigSummary(config, f.Count, f[0].Area.Total * 1e6, f.Average(Energy), f.Average(Latency), f.Average(x => x.TopsPerW), f.Average(x => x.Tops))
        {
            WuEnergyV2J = f.Average(x => x.Total.EnergyWU),
            WuEnergyAllBatchesJ = results.Average(r => r.Event.WuEnergyAllBatchesJ),
        };
    }
}

/// <summary>
/// Writes a replay's results: per configuration V2.0's NeuroSim_Output.csv (header and one row per epoch) and
/// NeuroSim_Results_Each_Epoch/NeuroSim_Breakdown_Epoch_N.csv; with several configurations one folder per
/// configuration id, sweep.csv naming them with their varied keys, and summary.csv.
/// </summary>
public static class ReplayOutputs
{
    public static IReadOnlyList<ConfigSummary> Summaries(IReadOnlyList<ReplayResult> results) =>
        results.GroupBy(r => r.Config.Hash).Select(g => ConfigSummary.Of(g.First().Config, [.. g.OrderBy(r => r.Epoch)])).ToList();

    public static void Write(string directory, IReadOnlyList<ReplayResult> results)
    {
        var groups = results.GroupBy(r => r.Config.Hash).ToList();
        var multi = groups.Count > 1;
        AtomicFile.CreateFolder(directory);
        foreach (var g in groups)
        {
            var folder = multi ? Path.Combine(directory, g.First().Config.Id) : directory;
            var each = Path.Combine(folder, "NeuroSim_Results_Each_Epoch");
            AtomicFile.CreateFolder(folder);
            AtomicFile.CreateFolder(each);
            var output = new StringBuilder(V2ResultWriter.OutputHeader).Append('\n');
            foreach (var r in g.OrderBy(r => r.Epoch))
            {
                // RD-75: "Epoch", not the reference's "Epock".
                AtomicFile.WriteText(Path.Combine(each, $"NeuroSim_Breakdown_Epoch_{r.Epoch}.csv"), V2ResultWriter.Breakdown(r.Figures));
                output.Append(V2ResultWriter.OutputRow(r.Figures)).Append('\n');
            }
            AtomicFile.WriteText(Path.Combine(folder, "NeuroSim_Output.csv"), output.ToString());
        }
        if (!multi) return;
        var summaries = Summaries(results);
        var keys = summaries.SelectMany(s => s.Config.Varied.Select(v => v.Key)).Distinct().ToList();
        var sweep = new StringBuilder(string.Join(",", new[] { "config_id", "name" }.Concat(keys).Append("folder"))).Append('\n');
        foreach (var s in summaries)
            sweep.Append(string.Join(",", new[] { s.Config.Id, s.Config.Name }
                .Concat(keys.Select(k => s.Config.Varied.FirstOrDefault(v => v.Key == k).Value ?? ""))
                .Append(s.Config.Id))).Append('\n');
        AtomicFile.WriteText(Path.Combine(directory, "sweep.csv"), sweep.ToString());
        AtomicFile.WriteText(Path.Combine(directory, "summary.csv"), SummaryCsv(summaries));
    }

    public static string SummaryCsv(IReadOnlyList<ConfigSummary> summaries)
    {
        var sb = new StringBuilder("config_id,name,varied,epochs,area_mm2,energy_per_epoch_J,latency_per_epoch_s,TOPS_per_W,TOPS,wu_energy_v2_J,wu_energy_all_batches_J\n");
        foreach (var s in summaries)
            sb.Append(CultureInfo.InvariantCulture, $"{s.Config.Id},{s.Config.Name},{Varied(s.Config)},{s.Epochs},{s.AreaMm2:G6},{s.EnergyPerEpochJ:G6},{s.LatencyPerEpochS:G6},{s.TopsPerW:G6},{s.Tops:G6},{s.WuEnergyV2J:G6},{s.WuEnergyAllBatchesJ:G6}\n");
        return sb.ToString();
    }

    /// <summary>The console table: configurations x area, energy and latency per epoch, TOPS/W, TOPS.</summary>
    public static string SummaryTable(IReadOnlyList<ConfigSummary> summaries)
    {
        var batches = summaries.Any(s => s.WuEnergyAllBatchesJ > 0);
        string[] headers = ["CONFIG", "NAME", "CHANGED KEYS", "EPOCHS", "AREA mm2", "ENERGY/EPOCH", "LATENCY/EPOCH", "TOPS/W", "TOPS"];
        var t = new TextTable(batches ? [.. headers, "WU E V2.0", "WU E ALL BATCHES"] : headers);
        foreach (var s in summaries)
        {
            string[] cells = [s.Config.Id, s.Config.Name, Changed(s.Config), s.Epochs.ToString(CultureInfo.InvariantCulture),
                s.AreaMm2.ToString("F2", CultureInfo.InvariantCulture), Units.Energy(s.EnergyPerEpochJ), Units.Time(s.LatencyPerEpochS),
                s.TopsPerW.ToString("G4", CultureInfo.InvariantCulture), s.Tops.ToString("G4", CultureInfo.InvariantCulture)];
            t.Add(batches ? [.. cells, Units.Energy(s.WuEnergyV2J), Units.Energy(s.WuEnergyAllBatchesJ)] : cells);
        }
        return t.ToString() + (batches
            ? "WU E V2.0: the traced (last) update x numIteration, as V2.0 charges it; WU E ALL BATCHES: scaled by every recorded batch's device pulses.\n"
            : "");
    }

    private static string Varied(ReplayConfig c) => string.Join(" ", c.Varied.Select(v => $"{v.Key}={v.Value}"));

    /// <summary>The keys that differ from the V2.0 defaults, shortest first (all of them for sweeps).</summary>
    public static string Changed(ReplayConfig c)
    {
        var diff = ConfigIdentity.Differences(c.Config).Select(d => $"{d.Key}={d.Value}").ToList();
        return diff.Count == 0 ? "(V2.0 default)" : string.Join(" ", diff);
    }
}
