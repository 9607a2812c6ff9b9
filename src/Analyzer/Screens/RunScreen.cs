using NeuroSim.Replay.Core.Replays;
using System.Globalization;
using System.Text;
using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Core.Runs;

namespace NeuroSim.Replay.Analyzer.Screens;

/// <summary>
/// A run: accuracy and loss over epochs as a chart, then two panes (Tab switches): its epochs (with the device pulses of
/// their batches) and its replays (configurations with their energy per epoch and, after an accuracy replay, the test accuracy
/// on the chip beside the accuracy recorded in training — one row per set of accuracy keys —, the keys that differ from the
/// default highlighted, the chip model version they were computed with). 's' sorts the replays by accuracy, then by energy, then
/// as stored. Enter on a replay opens its latest epoch; 'c' marks a replay, 'c' on a second compares them.
/// </summary>
public sealed class RunScreen(StoreQueries q, string run) : Screen
{
    public const int EpochsPane = 0, ReplaysPane = 1;
    /// <summary>The replays pane's order: as stored, by chip accuracy (highest first), by energy per epoch (lowest first).</summary>
    public enum ReplayOrder { Stored, Accuracy, Energy }
    private RunSummary? _summary;
    private IReadOnlyList<ReplayRow> _replays = [];
    private StoredReplay? _marked;

    public override string Title => $"Run {run}";
    public override string Hints => "Tab epochs/replays  Enter open  c compare  s sort  Esc back  / filter  e export  ? help  q quit";
    public ReplayOrder Order { get; private set; } = ReplayOrder.Stored;

    public override async Task Load(CancellationToken ct)
    {
        _summary = await q.Run(run, ct) ?? throw new RunNotFoundException($"Run '{run}' not found in the store.");
        var stored = await q.Replays(run, ct);
        _replays = Sorted(await q.ReplayRows(_summary, stored, ct));
        var sweep = await q.Sweep(run, ct);
        var pulses = await q.PulsesPerEpoch(run, ct);
        var epochs = new List<string[]>();
        foreach (var e in _summary.Evaluations.OrderBy(e => e.Epoch))
        {
            var p = pulses.TryGetValue(e.Epoch, out var x) ? $"{x.Ltp}/{x.Ltd}" : "-";
            epochs.Add([$"{e.Epoch}", F(e.TrainLoss), F(e.TestLoss), F(e.TestAccuracy) + " %", p, _summary.TracedEpochs.Contains(e.Epoch) ? "yes" : "-"]);
        }
        foreach (var t in _summary.TracedEpochs.Where(t => _summary.Evaluations.All(e => e.Epoch != t)))
            epochs.Add([$"{t}", "-", "-", "-", "-", "yes"]);
        var replays = _replays.Select(r =>
        {
            var keys = string.Join(" ", new[] { r.Replay.Changed, r.Accuracy is { } a ? StoreQueries.AccuracyKeys(a) : "" }.Where(k => k.Length > 0));
            return new[]
            {
                r.Replay.Config.Id, r.Replay.Config.Name, Core.Replays.ReplayEngine.Ranges(r.Replay.Epochs),
                r.Epoch is { } e ? $"{e}" : "-",
                r.EnergyJ is { } j ? Units.Energy(j) : "-",
                r.SoftwareAccuracy is { } sw ? sw.ToString("F2", CultureInfo.InvariantCulture) + " %" : "-",
                r.Accuracy is { } acc ? StoreQueries.AccuracyText(acc) : "-",
                keys.Length > 0 ? keys : "(V2.0 defaults)",
                r.Replay.ModelLabel,
            };
        }).ToList();
        Panes =
        [
            new Pane("Epochs", ["EPOCH", "TRAIN LOSS", "TEST LOSS", "TEST ACC", "PULSES LTP/LTD", "TRACED"], epochs),
            new Pane("Replays", ["CONFIG", "NAME", "EPOCHS", "AT", "ENERGY/EPOCH", "SW ACC", "CHIP ACC", "CHANGED KEYS", "CHIP MODEL"], replays, new HashSet<int> { 7 }),
        ];
        var chips = _replays.Select(r => r.Replay.Config.Hash).Distinct().Count();
        Header = Chart(_summary) + $"\n{_summary.Started.Model} on {_summary.Started.DataSet?.Name ?? "-"}, {StoreQueries.Device(_summary)}, status {_summary.Status.ToString().ToLowerInvariant()}; " +
            $"{chips} replay(s)" + (chips == 0 ? $" — ./neurosim replay {run} --preset rram-32nm" : " — Tab shows them, s sorts") +
            (sweep is null ? "" : $"\nsweep on the worker fleet: {sweep}");
    }

    private IReadOnlyList<ReplayRow> Sorted(IReadOnlyList<ReplayRow> rows) => Order switch
    {
        ReplayOrder.Accuracy => [.. rows.OrderByDescending(r => r.Accuracy?.MeanAccuracy ?? double.NegativeInfinity)],
        ReplayOrder.Energy => [.. rows.OrderBy(r => r.EnergyJ ?? double.PositiveInfinity)],
        _ => rows,
    };

    /// <summary>
    /// Test accuracy and test loss per epoch, each a one-line bar chart (▁…█ from its lowest to its highest value, the
    /// last 40 epochs) with its range and last value.
    /// </summary>
    public static string Chart(RunSummary s)
    {
        var evaluations = s.Evaluations.OrderBy(e => e.Epoch).ToList();
        if (evaluations.Count == 0) return "accuracy: no evaluated epoch yet\n";
        var acc = evaluations.Select(e => e.TestAccuracy).ToList();
        var loss = evaluations.Select(e => e.TestLoss).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"accuracy {Bars(acc)}  {acc.Min():F1} % … {acc.Max():F1} %, last {acc[^1]:F2} %\n") +
               string.Create(CultureInfo.InvariantCulture, $"loss     {Bars(loss)}  {loss.Min():G4} … {loss.Max():G4}, last {loss[^1]:G4}");
    }

    private static string Bars(IReadOnlyList<double> values)
    {
        const string bars = "▁▂▃▄▅▆▇█";
        var shown = values.TakeLast(40).ToList();
        double lo = shown.Min(), hi = shown.Max();
        var sb = new StringBuilder();
        foreach (var v in shown) sb.Append(bars[hi > lo ? (int)Math.Round((v - lo) / (hi - lo) * (bars.Length - 1)) : bars.Length - 1]);
        return sb.ToString();
    }

    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);

    private StoredReplay? ReplayAt(int pane, int row) => pane == ReplaysPane && row >= 0 && row < _replays.Count ? _replays[row].Replay : null;

    public override Task<Screen?> Open(int pane, int row, CancellationToken ct) =>
        Task.FromResult<Screen?>(ReplayAt(pane, row) is { Epochs.Count: > 0 } r ? new EpochScreen(q, r, r.Epochs[^1]) : null);

    public override async Task<(bool Handled, Screen? Next, string? Status)> Key(char key, int pane, int row, CancellationToken ct)
    {
        if (key == 's')
        {
            Order = (ReplayOrder)(((int)Order + 1) % 3);
            await Load(ct);
            return (true, null, Order switch
            {
                ReplayOrder.Accuracy => "replays sorted by test accuracy on the chip (highest first; s: by energy)",
                ReplayOrder.Energy => "replays sorted by energy per epoch (lowest first; s: as stored)",
                _ => "replays as stored (s: by accuracy)",
            });
        }
        return await CompareKey(key, pane, row, ct);
    }

    private Task<(bool Handled, Screen? Next, string? Status)> CompareKey(char key, int pane, int row, CancellationToken ct)
    {
        if (key != 'c') return base.Key(key, pane, row, ct);
        if (ReplayAt(pane, row) is not { } r) return Task.FromResult<(bool, Screen?, string?)>((true, null, "c: select a replay (Tab to the replays) to compare"));
        if (_marked is null || _marked.Config.Hash == r.Config.Hash)
        {
            _marked = r;
            return Task.FromResult<(bool, Screen?, string?)>((true, null, $"marked {r.Config.Name} ({r.Config.Id}); press c on another replay to compare"));
        }
        var common = _marked.Epochs.Intersect(r.Epochs).ToList();
        if (common.Count == 0) return Task.FromResult<(bool, Screen?, string?)>((true, null, "the two replays share no epoch"));
        var a = _marked;
        _marked = null;
        return Task.FromResult<(bool, Screen?, string?)>((true, new CompareScreen(q, a, r, common.Max()), null));
    }
}
