using System.Globalization;
using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Core.Runs;

namespace NeuroSim.Replay.Analyzer.Screens;

/// <summary>Two runs side by side per epoch: test accuracy and loss, device pulses, with the differences.</summary>
public sealed class CompareRunsScreen(StoreQueries q, string a, string b) : Screen
{
    public override string Title => $"Compare runs {a} vs {b}";

    public override async Task Load(CancellationToken ct)
    {
        var ra = await q.Run(a, ct) ?? throw new RunNotFoundException($"Run '{a}' not found in the store.");
        var rb = await q.Run(b, ct) ?? throw new RunNotFoundException($"Run '{b}' not found in the store.");
        var pa = await q.PulsesPerEpoch(a, ct);
        var pb = await q.PulsesPerEpoch(b, ct);
        var epochs = ra.Evaluations.Select(e => e.Epoch).Union(rb.Evaluations.Select(e => e.Epoch)).Order().ToList();
        Columns = ["EPOCH", "ACC A", "ACC B", "Δ POINTS", "LOSS A", "LOSS B", "PULSES A", "PULSES B", "Δ %"];
        Rows = [.. epochs.Select(e =>
        {
            var ea = ra.Evaluations.FirstOrDefault(x => x.Epoch == e);
            var eb = rb.Evaluations.FirstOrDefault(x => x.Epoch == e);
            long? na = pa.TryGetValue(e, out var x1) ? x1.Ltp + x1.Ltd : null;
            long? nb = pb.TryGetValue(e, out var x2) ? x2.Ltp + x2.Ltd : null;
            return new[]
            {
                $"{e}", Acc(ea?.TestAccuracy), Acc(eb?.TestAccuracy),
                ea is not null && eb is not null ? (eb.TestAccuracy - ea.TestAccuracy).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "-",
                ea?.TestLoss.ToString("G4", CultureInfo.InvariantCulture) ?? "-", eb?.TestLoss.ToString("G4", CultureInfo.InvariantCulture) ?? "-",
                na?.ToString(CultureInfo.InvariantCulture) ?? "-", nb?.ToString(CultureInfo.InvariantCulture) ?? "-",
                na is { } x && nb is { } y ? CompareScreen.Delta(x, y) : "-",
            };
        })];
        Header = $"A: {a} — {ra.Started.Model}, {StoreQueries.Device(ra)}\nB: {b} — {rb.Started.Model}, {StoreQueries.Device(rb)}";
    }

    private static string Acc(double? v) => v is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) + " %" : "-";
}
