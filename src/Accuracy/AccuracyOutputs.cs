using System.Globalization;
using System.Text;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.IO;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Text;

namespace NeuroSim.Replay.Accuracy;

/// <summary>One row of an accuracy replay's summary: an (epoch, configuration) pair's cost and accuracy, and its Pareto marks.</summary>
public sealed record AccuracyRow(AccuracyResult Result, ConfigSummary Cost, bool ParetoEnergy, bool ParetoArea)
{
    public int Epoch => Result.Epoch;
    public ReplayConfig Config => Result.Config;
    public double Accuracy => Result.Accuracy.MeanAccuracy;
}

/// <summary>
/// The accuracy replay's console table and <c>summary.csv</c>: per epoch and configuration area, energy and latency per epoch, TOPS/W,
/// the recorded software accuracy and the chip's test accuracy (mean, standard deviation and worst over its instances), and the
/// Pareto marks: among the configurations of one epoch, none has at least its accuracy at lower energy (E), or at lower area (A).
/// </summary>
public static class AccuracyOutputs
{
    public static IReadOnlyList<AccuracyRow> Rows(IReadOnlyList<AccuracyResult> results)
    {
        var rows = new List<AccuracyRow>();
        foreach (var epoch in results.GroupBy(r => r.Epoch).OrderBy(g => g.Key))
        {
            var costs = epoch.Select(r => (Result: r, Cost: ConfigSummary.Of(r.Config, [r.Cost]))).ToList();
            foreach (var (r, cost) in costs)
                rows.Add(new AccuracyRow(r, cost,
                    ParetoOptimal(r.Accuracy.MeanAccuracy, cost.EnergyPerEpochJ, costs.Select(x => (x.Result.Accuracy.MeanAccuracy, x.Cost.EnergyPerEpochJ))),
                    ParetoOptimal(r.Accuracy.MeanAccuracy, cost.AreaMm2, costs.Select(x => (x.Result.Accuracy.MeanAccuracy, x.Cost.AreaMm2)))));
        }
        return rows;
    }

    /// <summary>No other point has at least this accuracy at no more cost, and more accuracy or less cost.</summary>
    public static bool ParetoOptimal(double accuracy, double cost, IEnumerable<(double Accuracy, double Cost)> all) =>
        !all.Any(o => o.Accuracy >= accuracy && o.Cost <= cost && (o.Accuracy > accuracy || o.Cost < cost));

    /// <summary>The chip keys and accuracy keys that differ from their defaults.</summary>
    public static string Changed(ReplayConfig c)
    {
        var keys = ConfigIdentity.Differences(c.Config).Select(d => $"{d.Key}={d.Value}")
            .Concat(AccuracyIdentity.Differences(c.Accuracy).Select(d => $"{d.Key}={d.Value}")).ToList();
        return keys.Count == 0 ? "(V2.0 default)" : string.Join(" ", keys);
    }

    private static string Percent(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("F2", CultureInfo.InvariantCulture) : "-";

    public static string Table(IReadOnlyList<AccuracyRow> rows)
    {
        var t = new TextTable(["EPOCH", "CONFIG", "NAME", "CHANGED KEYS", "AREA mm2", "ENERGY/EPOCH", "LATENCY/EPOCH", "TOPS/W", "SW ACC %", "CHIP ACC %", "± STD", "WORST", "N", "PARETO"]);
        foreach (var r in rows)
        {
            var a = r.Result.Accuracy;
            t.Add([r.Epoch.ToString(CultureInfo.InvariantCulture), r.Config.Id, r.Config.Name, Changed(r.Config),
                r.Cost.AreaMm2.ToString("F2", CultureInfo.InvariantCulture), Units.Energy(r.Cost.EnergyPerEpochJ), Units.Time(r.Cost.LatencyPerEpochS),
                r.Cost.TopsPerW.ToString("G4", CultureInfo.InvariantCulture), Percent(r.Result.SoftwareAccuracy), Percent(a.MeanAccuracy),
                a.Instances > 1 ? a.StdAccuracy.ToString("F2", CultureInfo.InvariantCulture) : "-", a.Instances > 1 ? Percent(a.WorstAccuracy) : "-",
                a.Instances.ToString(CultureInfo.InvariantCulture), Marks(r)]);
        }
        return t.ToString() + "SW ACC: the test accuracy recorded in training (software); CHIP ACC: on the chip (mean over N instances). " +
               "PARETO: E = no configuration of the epoch has at least its accuracy at lower energy, A = at lower area.\n";
    }

    private static string Marks(AccuracyRow r) => (r.ParetoEnergy, r.ParetoArea) switch
    {
        (true, true) => "E A",
        (true, false) => "E",
        (false, true) => "A",
        _ => "",
    };

    public static string SummaryCsv(IReadOnlyList<AccuracyRow> rows)
    {
        var sb = new StringBuilder("epoch,config_id,accuracy_id,name,varied,area_mm2,energy_per_epoch_J,latency_per_epoch_s,TOPS_per_W,TOPS," +
            "software_accuracy,test_accuracy,test_accuracy_std,test_accuracy_worst,instances,seed,pareto_energy,pareto_area\n");
        foreach (var r in rows)
        {
            var a = r.Result.Accuracy;
            var varied = string.Join(" ", r.Config.Varied.Select(v => $"{v.Key}={v.Value}"));
            sb.Append(CultureInfo.InvariantCulture,
                $"{r.Epoch},{r.Config.Id},{r.Config.AccuracyHash[..12]},{r.Config.Name},{varied},{r.Cost.AreaMm2:G6},{r.Cost.EnergyPerEpochJ:G6},{r.Cost.LatencyPerEpochS:G6},{r.Cost.TopsPerW:G6},{r.Cost.Tops:G6}," +
                $"{(r.Result.SoftwareAccuracy is { } s ? s.ToString("G6", CultureInfo.InvariantCulture) : "")},{a.MeanAccuracy:G6},{a.StdAccuracy:G6},{a.WorstAccuracy:G6},{a.Instances},{a.Seed}," +
                $"{(r.ParetoEnergy ? 1 : 0)},{(r.ParetoArea ? 1 : 0)}\n");
        }
        return sb.ToString();
    }

    /// <summary>
    /// The cost replay's V2.0 files (as <c>replay --out</c>: a folder per chip, sweep.csv naming the chips by their swept chip keys)
    /// and the accuracy summary.csv beside them (a row per epoch and configuration, accuracy keys included).
    /// </summary>
    public static void Write(string directory, IReadOnlyList<AccuracyResult> results)
    {
        ReplayOutputs.Write(directory, [.. results.Select(r => r.Cost).DistinctBy(c => (c.Epoch, c.Config.Hash))
            .Select(c => c with { Config = c.Config with { Varied = [.. c.Config.Varied.Where(v => !AccuracyKeys.TryGet(v.Key, out _))] } })]);
        AtomicFile.WriteText(Path.Combine(directory, "summary.csv"), SummaryCsv(Rows(results)));
    }
}
