using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Analyzer.Screens;
using NeuroSim.Replay.ChipModel.Hardware;
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

/// <summary>The browser in-process on the ANSI driver with virtual time, keys injected, screen text asserted.</summary>
public sealed class BrowserTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    /// <summary>A store with a three-epoch run replayed under two configurations.</summary>
    private async Task<IEventStore> Store()
    {
        var store = await StoreAddress.Parse("file:" + _tmp.Combine("ui.db")).OpenOrCreateForWriting(Ct);
        for (var epoch = 0; epoch < 3; epoch++)
        {
            var dir = SyntheticV2Trace.Create(_tmp.Combine($"t{epoch}"), SyntheticV2Trace.SmallVgg, seed: 20 + epoch);
            await V2Importer.Import(store, V2TraceFolder.Read(dir, cancellationToken: Ct), "vgg-small", epoch, Ct);
        }
        var small = HardwareConfigParser.Apply(HardwareConfig.Default, [("numRowSubArray", "32", 0), ("numColSubArray", "32", 0)], "test");
        var fefet = HardwareConfigParser.Apply(small, [("memcelltype", "3", 0)], "test");
        await ReplayEngine.Run(store, "vgg-small", [0, 1, 2], [new ReplayConfig("rram-small", small), new ReplayConfig("fefet-small", fefet)], false, 2, null, Ct);
        return store;
    }

    /// <summary>Row and column of a text on the screen.</summary>
    private static (int Y, int X) Find(string screen, string text)
    {
        var lines = screen.Split('\n');
        for (var y = 0; y < lines.Length; y++)
            if (lines[y].IndexOf(text, StringComparison.Ordinal) is >= 0 and var x) return (y, x);
        throw new Xunit.Sdk.XunitException($"'{text}' is not on the screen:\n{screen}");
    }

    [Fact]
    public async Task The_mouse_switches_panes_and_opens_rows()
    {
        await using var store = await Store();
        var q = new StoreQueries(store);
        using var browser = new TestBrowser(q, 120, 30);
        var (app, window) = (browser.App, browser.Window);
        var s = browser.Screen();
        var (y, x) = Find(s, "vgg-small");
        app.InjectSequence(InputInjectionExtensions.LeftButtonDoubleClick(new System.Drawing.Point(x, y)));
        s = browser.Screen();
        Assert.Contains("Run vgg-small", s);
        Assert.Contains("[Epochs]", s);

        (y, x) = Find(s, " Replays ");
        app.InjectSequence(InputInjectionExtensions.LeftButtonClick(new System.Drawing.Point(x + 2, y)));
        s = browser.Screen();
        Assert.Contains("[Replays]", s);
        Assert.Equal(RunScreen.ReplaysPane, window.PaneIndex);

        (y, x) = Find(s, "fefet-small");
        app.InjectSequence(InputInjectionExtensions.LeftButtonDoubleClick(new System.Drawing.Point(x, y)));
        s = browser.Screen();
        Assert.Contains("fefet-small", s);
        Assert.Contains("epoch 2", s);
        Assert.Contains("[FW/AG/WG/WU]", s);
    }

    [Fact]
    public async Task Walk_runs_run_replay_epoch_and_compare()
    {
        await using var store = await Store();
        var q = new StoreQueries(store);
        using var browser = new TestBrowser(q, 120, 30);
        var (app, window) = (browser.App, browser.Window);
        var s = browser.Screen();
        Assert.Contains("Runs", s);
        Assert.Contains("vgg-small", s);
        Assert.Contains("imported", s);

        app.InjectKey(Key.Enter);
        s = browser.Screen();
        Assert.Contains("Run vgg-small", s);
        Assert.Contains("[Epochs]", s);
        Assert.Contains("2 replay(s)", s);

        // Tab: the replays pane, with the keys that differ from the default, highlighted.
        app.InjectKey(Key.Tab);
        s = browser.Screen();
        Assert.Contains("[Replays]", s);
        Assert.Contains("rram-small", s);
        Assert.Contains("fefet-small", s);
        Assert.Contains("memcelltype=3", s);
        var (y, x) = Find(s, "memcelltype=3");
        var highlighted = app.Driver!.Contents![y, x].Attribute;
        var (ny, nx) = Find(s, "fefet-small");
        Assert.NotEqual(app.Driver.Contents[ny, nx].Attribute, highlighted);
        app.InjectKey(Key.Tab.WithShift);
        Assert.Contains("[Epochs]", browser.Screen());
        app.InjectKey(Key.Tab);

        // Enter on the first replay: its latest epoch's breakdown, in four panes.
        app.InjectKey(Key.Enter);
        s = browser.Screen();
        Assert.Contains("epoch 2", s);
        Assert.Contains("Total", s);
        Assert.Contains("TOPS/W", s);
        Assert.Contains("[FW/AG/WG/WU]", s);
        Assert.Matches(@"\d+(\.\d+)? (n|µ|m|p)?s", s);   // auto-scaled units
        app.InjectKey(Key.Tab);
        s = browser.Screen();
        Assert.Contains("[Latency breakdown]", s);
        Assert.Contains("ACCUM", s);
        app.InjectKey(Key.Tab);
        app.InjectKey(Key.Tab);
        s = browser.Screen();
        Assert.Contains("[Peaks]", s);
        Assert.Contains("PEAK LAT FW", s);
        app.InjectKey(Key.Tab);
        Assert.Contains("[FW/AG/WG/WU]", browser.Screen());   // around again

        app.InjectKey(new Key('['));
        Assert.Contains("epoch 1", browser.Screen());

        app.InjectKey(Key.Esc);
        s = browser.Screen();
        Assert.Contains("Run vgg-small", s);
        Assert.Contains("[Replays]", s);   // back where we were
        // Compare: c on the first replay, c on the second.
        app.InjectKey(new Key('c'));
        Assert.Contains("marked", browser.Screen());
        app.InjectKey(Key.CursorDown);
        app.InjectKey(new Key('c'));
        s = browser.Screen();
        Assert.True(s.Contains("Compare", StringComparison.Ordinal), s);
        Assert.Contains("Δ %", s);
        Assert.Contains("%", s);

        app.InjectKey(Key.Esc);
        app.InjectKey(Key.Esc);
        Assert.Contains("Runs", browser.Screen());
        app.InjectKey(new Key('?'));
        Assert.Contains("filter the rows", browser.Screen());
    }

    [Fact]
    public async Task Filter_and_export_the_current_table()
    {
        await using var store = await Store();
        var q = new StoreQueries(store);
        var cwd = Directory.GetCurrentDirectory();
        string filtered, exported;
        using (var browser = new TestBrowser(q, 100, 24))
        {
            var app = browser.App;
            app.InjectKey(Key.Enter);
            app.InjectKey(Key.Tab);
            app.InjectKey(new Key('/'));
            foreach (var ch in "fefet") app.InjectKey(new Key(ch));
            app.InjectKey(Key.Enter);
            filtered = browser.Screen();
            app.InjectKey(new Key('e'));
            exported = browser.Screen();
        }
        Assert.True(filtered.Contains("filter: fefet", StringComparison.Ordinal), filtered);
        Assert.DoesNotContain("rram-small", filtered);
        Assert.True(exported.Contains("exported", StringComparison.Ordinal), exported);
        var file = Path.Combine(cwd, "neurosim-run-vgg-small-replays.csv");
        Assert.Contains("rram-small", await File.ReadAllTextAsync(file, Ct));   // the whole table, not the filtered view
        File.Delete(file);
    }

    [Fact]
    public async Task Fits_80x24()
    {
        await using var store = await Store();
        var q = new StoreQueries(store);
        string runs, run;
        using (var browser = new TestBrowser(q, 80, 24))
        {
            var app = browser.App;
            runs = browser.Screen();
            app.InjectKey(Key.Enter);
            app.InjectKey(Key.Tab);
            run = browser.Screen();
        }
        var lines = runs.Split('\n');
        Assert.True(lines.Length <= 25, runs);
        Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= 80, l));
        Assert.Contains("vgg-small", runs);
        Assert.Contains("q quit", runs);   // the key line is on screen
        Assert.Contains("rram-small", run);
    }

    [Fact]
    public async Task An_empty_store_says_how_to_fill_it_and_new_runs_appear_live()
    {
        await using var store = await StoreAddress.Parse("file:" + _tmp.Combine("empty.db")).OpenOrCreateForWriting(Ct);
        var q = new StoreQueries(store);
        using var browser = new TestBrowser(q, 100, 24);
        var (app, window) = (browser.App, browser.Window);
        Assert.Contains("no runs yet", browser.Screen());
        var dir = SyntheticV2Trace.Create(_tmp.Combine("live"), SyntheticV2Trace.TinyNetwork);
        await V2Importer.Import(store, V2TraceFolder.Read(dir, cancellationToken: Ct), "arrived", null, Ct);
        window.RefreshIfStoreChanged();
        Assert.Contains("arrived", browser.Screen());
    }

    [Fact]
    public async Task Missing_and_corrupt_stores_give_a_message_not_a_stack_trace()
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = await AnalyzerCli.Run(["browse", "--store", "file:" + _tmp.Combine("nope.db")], o, e, Ct);
        Assert.NotEqual(0, code);
        Assert.Contains("no such file", e.ToString());
        var corrupt = _tmp.Combine("corrupt.db");
        await File.WriteAllTextAsync(corrupt, "this is not a database", Ct);
        using var e2 = new StringWriter();
        code = await AnalyzerCli.Run(["browse", "--store", "file:" + corrupt], o, e2, Ct);
        Assert.NotEqual(0, code);
        Assert.StartsWith("error:", e2.ToString());
        Assert.DoesNotContain("   at ", e2.ToString());
    }
}
