using System.Globalization;
using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Analyzer.Screens;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Studies;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.TestSupport;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace NeuroSim.Replay.Analyzer.Tests;

/// <summary>
/// The device audit view of a study, on a study written event by event: a plan over c2cVari (three values over two decades) and
/// trace_images (which training ignores), 2 seeds, and its runs as the recorder leaves them (tagged, accuracy falling with c2cVari).
/// </summary>
public sealed class StudyAuditTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    private async Task<IEventStore> Store()
    {
        var store = await StoreAddress.Parse("file:" + _tmp.Combine("study-ui.db")).OpenOrCreateForWriting(Ct);
        var plan = new StudyPlanned { Name = "s", Model = "mnist-mlp", Epochs = 3, Design = "grid", Levels = 3 };
        plan.Seeds.AddRange([1, 2]);
        plan.Parameters.AddRange([StudyParameters.Parse("c2cVari=0.003..0.3/log", _ => false), StudyParameters.Parse("trace_images=1,2", _ => true)]);
        plan.Points.AddRange(StudyDesign.Points(plan.Parameters, "grid", 3, 0, 1, baseline: true));
        foreach (var p in plan.Points)
            foreach (var seed in plan.Seeds)
                plan.Runs.Add(new StudyRunPlanned { Run = StudyDesign.RunName("s", p.Index, seed), Point = p.Index, Seed = seed });
        await StudyStore.Append(store, "s", plan, Ct);
        foreach (var r in plan.Runs)
        {
            var point = plan.Points[r.Point];
            var c2c = point.Baseline ? 0.003 : double.Parse(point.Settings["c2cVari"], CultureInfo.InvariantCulture);
            var started = RecordedRuns.Started(r.Run, null);
            started.Settings["c2cVari"] = c2c.ToString("R", CultureInfo.InvariantCulture);
            started.Settings["trace_images"] = point.Baseline ? "1" : point.Settings["trace_images"];
            started.Tags["study"] = "s";
            started.Tags["study_point"] = $"{r.Point}";
            var late = 92 - 4 * (Math.Log10(c2c) + 2.5) + (r.Seed == 1 ? 0.2 : -0.2);
            await RecordedRuns.Append(store, r.Run, Ct, [started, .. Enumerable.Range(0, 3).Select(e => new EpochEvaluated { Epoch = e, TestAccuracy = late - 5 * (2 - e) }),
                new RunCompleted { EpochsCompleted = 3 }]);
            await StudyStore.Append(store, "s", new StudyRunRecorded { Run = r.Run }, Ct);
        }
        return store;
    }

    [Fact]
    public async Task A_study_shows_its_parameters_importance_per_outcome_and_its_runs()
    {
        await using var store = await Store();
        var screen = new StudyAuditScreen(new StoreQueries(store), "s");
        await screen.Load(Ct);
        var importance = screen.Panes[StudyAuditScreen.ImportancePane];
        var late = importance.Rows.Where(r => r[0] == "late-accuracy").ToList();
        Assert.Equal(["c2cVari", "trace_images"], late.Select(r => r[3]));
        Assert.Equal("0.000 ± 0.000", late[1][4]);
        Assert.StartsWith("██", late[0][5]);
        Assert.Contains(importance.Rows, r => r[0] == "accuracy-lost" && r[2] == "1" && r[3] == "c2cVari");
        Assert.Equal(14, screen.Panes[StudyAuditScreen.RunsPane].Rows.Count);
        Assert.Contains("late-accuracy (%)", screen.Panes[StudyAuditScreen.RunsPane].Columns);
        Assert.Equal(["c2cVari", "trace_images"], screen.Panes[StudyAuditScreen.ParametersPane].Rows.Select(r => r[0]));
        Assert.Contains("0.003, 0.03, 0.3", screen.Panes[StudyAuditScreen.ParametersPane].Rows[0][2]);
        Assert.Contains("14 runs, 14 done", screen.Header);
        Assert.Contains("late-accuracy R² ", screen.Header);
    }

    [Fact]
    public async Task Runs_matching_a_filter_are_audited_on_the_settings_that_differ_and_a_prediction_warns_outside_the_range()
    {
        await using (var store = await Store())
        {
            var table = await NeuroSim.Replay.Audit.AuditTableBuilder.ForRuns(store, "s-p00?-s*", Ct);
            Assert.Equal(["c2cVari", "trace_images"], table.Parameters);
            Assert.Equal(14, table.Rows.Count);
            Assert.DoesNotContain(table.Outcomes, o => o.Name == "accuracy-lost");   // no study, no baseline
            Assert.Contains("an audit needs several", (await Assert.ThrowsAsync<ArgumentException>(() => NeuroSim.Replay.Audit.AuditTableBuilder.ForRuns(store, "s-p000-s1", Ct))).Message);
        }
        var (code, output, err) = await CommandLine.Run(AnalyzerCli.Run, ["audit", "--runs", "s-*", "--target", "accuracy", "--predict", "c2cVari=1",
            "--store", "file:" + _tmp.Combine("study-ui.db"), "--out", _tmp.Combine("a")], Ct);
        Assert.True(code == 0, err);
        Assert.Contains("audit of runs s-*: 14 runs", output);
        Assert.Contains("1. c2cVari", output);
        Assert.Contains("warning: c2cVari = 1 is outside the studied 0.003..0.3", output);
        Assert.Contains("not given: trace_images", output);
        Assert.Matches(@"late-accuracy: [0-9.]+ % ± [0-9.]+ \(cross-validated RMSE\)", output);
        foreach (var f in new[] { "audit-table.csv", "audit-metrics.csv", "audit-importance.csv", "audit-dependence.csv", "model-late-accuracy.zip" })
            Assert.True(File.Exists(_tmp.Combine("a", f)), f);
        Figures.Png.AssertFigure(_tmp.Combine("a", "importance-late-accuracy.png"), minColouredPixels: 500);
        Figures.Png.AssertFigure(_tmp.Combine("a", "dependence-late-accuracy-c2cVari.png"), minColouredPixels: 500);
        Assert.Equal("outcome,rank,parameter,importance_r_squared_drop,spread_std", File.ReadLines(_tmp.Combine("a", "audit-importance.csv")).First());
        (code, _, err) = await CommandLine.Run(AnalyzerCli.Run, ["audit", "s", "--target", "chip-energy", "--store", "file:" + _tmp.Combine("study-ui.db")], Ct);
        Assert.Equal(2, code);
        Assert.Contains("no run has chip-energy", err);
        (code, _, err) = await CommandLine.Run(AnalyzerCli.Run, ["audit", "nope", "--store", "file:" + _tmp.Combine("study-ui.db")], Ct);
        Assert.Equal(5, code);
        Assert.Contains("study 'nope' not found", err);
    }

    [Fact]
    public async Task The_browser_opens_a_studys_audit_with_d_on_one_of_its_runs()
    {
        await using var store = await Store();
        var q = new StoreQueries(store);
        using var browser = new TestBrowser(q, 160, 40);
        browser.App.InjectKey(new Key('d'));
        var s = browser.Screen();
        Assert.Contains("Device audit · study s", s);
        Assert.Contains("IMPORTANCE ± SPREAD", s);
        Assert.Contains("c2cVari", s);
        browser.App.InjectKey(Key.Tab);
        Assert.Contains("s-p006-s2", browser.Screen());
    }
}
