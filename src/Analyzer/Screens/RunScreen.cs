using NeuroSim.Replay.Core.Replays;
using System.Globalization;
using System.Text;
using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Core.Runs;

namespace NeuroSim.Replay.Analyzer.Screens;

/// <summary>
/// A run: accuracy and loss over epochs as a chart, the per-epoch table (with the device pulses of its batches), and its
/// replays (configurations with the keys that differ from the default). Enter on a replay opens its latest epoch;
/// 'c' marks a replay, 'c' on a second compares them.
/// </summary>
public sealed class RunScreen(StoreQueries q, string run) : Screen
{
    private RunSummary? _summary;
    private IReadOnlyList<StoredReplay> _replays = [];
    private int _epochRows;
    private StoredReplay? _marked;

    public override string Title => $"Run {run}";
    public override string Hints => "Enter open  c compare  Esc back  / filter  e export  ? help  q quit";

    public override async Task Load(CancellationToken ct)
    {
        _summary = await q.Run(run, ct) ?? throw new RunNotFoundException($"Run '{run}' not found in the store.");
        _replays = await q.Replays(run, ct);
        var pulses = await q.PulsesPerEpoch(run, ct);
        Columns = ["KIND", "EPOCH / CONFIG", "TRAIN LOSS / NAME", "TEST LOSS / EPOCHS", "TEST ACC / CHANGED KEYS", "PULSES LTP/LTD"];
        var rows = new List<string[]>();
        foreach (var e in _summary.Evaluations.OrderBy(e => e.Epoch))
        {
            var p = pulses.TryGetValue(e.Epoch, out var x) ? $"{x.Ltp}/{x.Ltd}" : "-";
            rows.Add(["epoch", $"{e.Epoch}", F(e.TrainLoss), F(e.TestLoss), F(e.TestAccuracy) + " %", p]);
        }
        foreach (var t in _summary.TracedEpochs.Where(t => _summary.Evaluations.All(e => e.Epoch != t)))
            rows.Add(["epoch", $"{t}", "-", "-", "-", "-"]);
        _epochRows = rows.Count;
        foreach (var r in _replays)
            rows.Add(["replay", r.Config.Id, r.Config.Name, Core.Replays.ReplayEngine.Ranges(r.Epochs), r.Changed, ""]);
        Rows = rows;
        Header = Chart(_summary) + $"\n{_summary.Started.Model} on {_summary.Started.DataSet?.Name ?? "-"}, {StoreQueries.Device(_summary)}, status {_summary.Status.ToString().ToLowerInvariant()}; " +
            $"{_replays.Count} replay(s)" + (_replays.Count == 0 ? $" — ./neurosim replay {run} --preset rram-32nm" : "");
    }

    /// <summary>Test accuracy per epoch as a one-line bar chart (▁…█ from the lowest to the highest).</summary>
    public static string Chart(RunSummary s)
    {
        var acc = s.Evaluations.OrderBy(e => e.Epoch).Select(e => e.TestAccuracy).ToList();
        if (acc.Count == 0) return "accuracy: no evaluated epoch yet";
        const string bars = "▁▂▃▄▅▆▇█";
        double lo = acc.Min(), hi = acc.Max();
        var sb = new StringBuilder("accuracy ");
        foreach (var a in acc.TakeLast(60)) sb.Append(bars[hi > lo ? (int)Math.Round((a - lo) / (hi - lo) * (bars.Length - 1)) : bars.Length - 1]);
        sb.Append(CultureInfo.InvariantCulture, $"  {lo:F1} % … {hi:F1} %, last {acc[^1]:F2} %");
        var loss = s.Evaluations.OrderBy(e => e.Epoch).Select(e => e.TestLoss).ToList();
        sb.Append(CultureInfo.InvariantCulture, $"; test loss {loss[0]:G4} -> {loss[^1]:G4}");
        return sb.ToString();
    }

    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);

    private StoredReplay? ReplayAt(int row) => row >= _epochRows && row - _epochRows < _replays.Count ? _replays[row - _epochRows] : null;

    public override Task<Screen?> Open(int row, CancellationToken ct) =>
        Task.FromResult<Screen?>(ReplayAt(row) is { Epochs.Count: > 0 } r ? new EpochScreen(q, r, r.Epochs[^1]) : null);

    public override Task<(bool Handled, Screen? Next, string? Status)> Key(char key, int row, CancellationToken ct)
    {
        if (key != 'c') return base.Key(key, row, ct);
        if (ReplayAt(row) is not { } r) return Task.FromResult<(bool, Screen?, string?)>((true, null, "c: select a replay row to compare"));
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
