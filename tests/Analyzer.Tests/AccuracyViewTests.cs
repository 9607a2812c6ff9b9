using System.Globalization;
using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Analyzer.Screens;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.TestSupport;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace NeuroSim.Replay.Analyzer.Tests;

/// <summary>
/// The accuracy replay in the browser: a run's replays show the chip's test accuracy beside their energy and the accuracy recorded in
/// training (a row per set of accuracy keys), sort by accuracy or energy ('s'), and an epoch shows its accuracy above its breakdown.
/// The store holds what an accuracy replay leaves: AccuracyEstimated events in the replay streams (written here directly).
/// </summary>
public sealed class AccuracyViewTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    private Task<IEventStore> Store() => ReplayedRunStore.Create(_tmp, "acc-run", Ct);

    [Fact]
    public async Task A_run_sorts_its_replays_by_chip_accuracy_or_energy()
    {
        await using var store = await Store();
        var q = new StoreQueries(store);
        var screen = new RunScreen(q, "acc-run");
        await screen.Load(Ct);
        var pane = screen.Panes[RunScreen.ReplaysPane];
        var column = pane.Columns.ToList();
        var (chipAcc, swAcc, energy, keys) = (column.IndexOf("CHIP ACC"), column.IndexOf("SW ACC"), column.IndexOf("ENERGY/EPOCH"), column.IndexOf("CHANGED KEYS"));
        Assert.Equal(3, pane.Rows.Count);   // two chips, the first with two sets of accuracy keys
        Assert.All(pane.Rows, r => Assert.Equal("90.00 %", r[swAcc]));
        Assert.Contains(pane.Rows, r => r[chipAcc] == "86.25 % ± 0.50 (3)" && r[keys].Contains("vari=0.1", StringComparison.Ordinal));

        await screen.Key('s', RunScreen.ReplaysPane, 0, Ct);
        Assert.Equal(RunScreen.ReplayOrder.Accuracy, screen.Order);
        Assert.Equal(["89.75 %", "88.50 %", "86.25 % ± 0.50 (3)"], screen.Panes[RunScreen.ReplaysPane].Rows.Select(r => r[chipAcc]));

        await screen.Key('s', RunScreen.ReplaysPane, 0, Ct);
        Assert.Equal(RunScreen.ReplayOrder.Energy, screen.Order);
        // Lowest energy first: the order of the chips' own estimates at epoch 2.
        var energies = new Dictionary<string, double>();
        foreach (var r in await q.Replays("acc-run", Ct))
            energies[r.Config.Id] = StoreQueries.Energy((await q.Epoch(r, 2, Ct))!.Value.Event);
        var shown = screen.Panes[RunScreen.ReplaysPane].Rows.Select(r => energies[r[0]]).ToList();
        Assert.Equal(shown.Order(), shown);
        Assert.NotEqual(energies.Values.Min(), energies.Values.Max());

        await screen.Key('s', RunScreen.ReplaysPane, 0, Ct);
        Assert.Equal(RunScreen.ReplayOrder.Stored, screen.Order);
    }

    [Fact]
    public async Task The_browser_shows_the_accuracy_beside_the_cost_and_on_the_epoch()
    {
        await using var store = await Store();
        var q = new StoreQueries(store);
        using var browser = new TestBrowser(q, 160, 30);
        var app = browser.App;
        string Screen() => browser.Screen();
        app.InjectKey(Key.Enter);
        app.InjectKey(Key.Tab);
        var s = Screen();
        Assert.Contains("[Replays]", s);
        Assert.Contains("CHIP ACC", s);
        Assert.Contains("SW ACC", s);
        Assert.Contains("86.25 % ± 0.50 (3)", s);
        Assert.Contains("vari=0.1", s);
        app.InjectKey(new Key('s'));
        s = Screen();
        Assert.Contains("sorted by test accuracy", s);
        var lines = s.Split('\n').ToList();
        int Line(string text) => lines.FindIndex(l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(Line("89.75 %") < Line("88.50 %") && Line("88.50 %") < Line("86.25 %"), s);
        // Enter on the most accurate chip: its epoch, with the accuracy above the breakdown.
        app.InjectKey(Key.Enter);
        s = Screen();
        Assert.Contains("fefet-small", s);
        Assert.Contains("epoch 2", s);
        Assert.Contains("test accuracy on this chip: 89.75 % (no non-ideality keys); recorded in training (software): 90.00 %", s);
        app.InjectKey(new Key('['));
        Assert.Contains("test accuracy on this chip: not replayed", Screen());
    }
}
