using System.Globalization;
using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.Core.Replays;

namespace NeuroSim.Replay.Analyzer.Screens;

/// <summary>Two configurations of a run side by side for one epoch: per layer and total, latency and energy with the difference in %.</summary>
public sealed class CompareScreen(StoreQueries q, StoredReplay a, StoredReplay b, int epoch) : Screen
{
    public override string Title => $"Compare {a.Config.Name} ({a.Config.Id}) vs {b.Config.Name} ({b.Config.Id}) · epoch {epoch}";

    public override async Task Load(CancellationToken ct)
    {
        var fa = await q.Epoch(a, epoch, ct) ?? throw new InvalidOperationException($"{a.Config.Id} has no epoch {epoch}");
        var fb = await q.Epoch(b, epoch, ct) ?? throw new InvalidOperationException($"{b.Config.Id} has no epoch {epoch}");
        Columns = ["LAYER", "LATENCY A", "LATENCY B", "Δ %", "ENERGY A", "ENERGY B", "Δ %"];
        var layers = fa.Figures.Layers.Zip(fb.Figures.Layers).Select(p => Row($"{p.First.Layer}", p.First, p.Second)).ToList();
        layers.Add(Row("Total", fa.Figures.Total, fb.Figures.Total));
        Rows = layers;
        Header = $"A: {a.Changed}\nB: {b.Changed}\n" + string.Create(CultureInfo.InvariantCulture,
            $"area {Units.Area(fa.Figures.Area.Total)} vs {Units.Area(fb.Figures.Area.Total)} ({Delta(fa.Figures.Area.Total, fb.Figures.Area.Total)}), TOPS/W {fa.Figures.TopsPerW:G4} vs {fb.Figures.TopsPerW:G4} ({Delta(fa.Figures.TopsPerW, fb.Figures.TopsPerW)})");
    }

    private static double Latency(LayerResult l) => l.LatencyFW + l.LatencyAG + l.LatencyWG + l.LatencyWU;
    private static double Energy(LayerResult l) => l.EnergyFW + l.EnergyAG + l.EnergyWG + l.EnergyWU;

    private static string[] Row(string label, LayerResult x, LayerResult y) =>
        [label, Units.Time(Latency(x)), Units.Time(Latency(y)), Delta(Latency(x), Latency(y)), Units.Energy(Energy(x)), Units.Energy(Energy(y)), Delta(Energy(x), Energy(y))];

    /// <summary>B relative to A, in percent.</summary>
    public static string Delta(double a, double b) =>
        a == 0 ? "-" : ((b - a) / a * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";
}
