using System.Globalization;
using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Core.Runs;

namespace NeuroSim.Replay.Analyzer.Screens;

/// <summary>Every run: name, network, data set, epochs done / planned, best accuracy, device settings, status.</summary>
public sealed class RunsScreen(StoreQueries q) : Screen
{
    private IReadOnlyList<RunSummary> _runs = [];

    public override string Title => "Runs";

    public override async Task Load(CancellationToken ct)
    {
        _runs = await q.Runs(ct);
        Columns = ["RUN", "NETWORK", "DATA", "EPOCHS", "BEST ACC", "DEVICE", "STATUS"];
        Rows = [.. _runs.Select(r => new[]
        {
            r.Name,
            r.Started.Model,
            r.Started.DataSet?.Name is { Length: > 0 } d ? d : "-",
            r.Started.PlannedEpochs > 0 ? $"{r.Evaluations.Length}/{r.Started.PlannedEpochs}" : $"{r.TracedEpochs.Length}",
            r.BestAccuracy is { } a ? a.ToString("F2", CultureInfo.InvariantCulture) + " %" : "-",
            StoreQueries.Device(r),
            r.Status.ToString().ToLowerInvariant(),
        })];
        Header = _runs.Count == 0
            ? "The store holds no runs yet. Record one: ./neurosim record --model mnist-mlp --epochs 3 (or ./neurosim demo)."
            : $"{_runs.Count} run(s). Enter opens a run.";
    }

    private string? _marked;

    public override string Hints => "Enter open  c compare  d audit  / filter  e export  r refresh  ? help  q quit";

    public override Task<(bool Handled, Screen? Next, string? Status)> Key(char key, int row, CancellationToken ct)
    {
        if (row < 0 || row >= _runs.Count || key is not ('d' or 'c')) return Task.FromResult<(bool, Screen?, string?)>((false, null, null));
        // A study's run opens the study's audit; any other run the model's runs side by side.
        if (key == 'd')
            return Task.FromResult<(bool, Screen?, string?)>((true, _runs[row].Started.Tags.TryGetValue("study", out var study) && study.Length > 0
                ? new StudyAuditScreen(q, study) : new DeviceAuditScreen(q, _runs[row].Started.Model), null));
        var name = _runs[row].Name;
        if (_marked is null || _marked == name)
        {
            _marked = name;
            return Task.FromResult<(bool, Screen?, string?)>((true, null, $"marked {name}; press c on another run to compare"));
        }
        var a = _marked;
        _marked = null;
        return Task.FromResult<(bool, Screen?, string?)>((true, new CompareRunsScreen(q, a, name), null));
    }

    public override Task<Screen?> Open(int row, CancellationToken ct) =>
        Task.FromResult<Screen?>(row >= 0 && row < _runs.Count ? new RunScreen(q, _runs[row].Name) : null);
}
