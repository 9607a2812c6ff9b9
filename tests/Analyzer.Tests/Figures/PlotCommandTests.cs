using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Figures;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Analyzer.Tests.Figures;

/// <summary><c>plot</c> through the command line on a replayed run: every figure a PNG of the documented size with data drawn.</summary>
public sealed class PlotCommandTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    public void Dispose() => _tmp.Dispose();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private string Store => "file:" + _tmp.Combine("plot-run.db");

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.Run(AnalyzerCli.Run, args, Ct);

    private async Task Prepare()
    {
        await using var store = await ReplayedRunStore.Create(_tmp, "plot-run", Ct);
    }

    [Fact]
    public async Task Runs_replays_and_sweeps_plot_as_figures_of_the_documented_size()
    {
        await Prepare();
        var figures = _tmp.Combine("figures");
        foreach (var args in new[]
                 {
                     new[] { "plot", "runs", "plot-run" }, ["plot", "energy", "plot-run", "--config", "rram-small"],
                     ["plot", "layers", "plot-run", "--config", "fefet-small", "--epoch", "1"], ["plot", "sweep", "plot-run"],
                 })
        {
            var (code, output, err) = await Run([.. args, "--store", Store, "--out", figures]);
            Assert.True(code == 0, err);
            Assert.StartsWith("wrote ", output);
        }
        foreach (var file in new[] { "accuracy", "loss", "energy", "latency", "layers-energy", "layers-latency" })
            Png.AssertFigure(Path.Combine(figures, file + ".png"));
        // Two chips (three accuracy results): a few markers and the front's line.
        foreach (var file in new[] { "sweep-area-energy", "sweep-accuracy-energy" })
            Png.AssertFigure(Path.Combine(figures, file + ".png"), minColouredPixels: 300);
    }

    [Fact]
    public async Task What_cannot_be_plotted_is_one_line()
    {
        await Prepare();
        var (code, _, err) = await Run("plot", "runs", "nope", "--store", Store);
        Assert.Equal((int)ExitCode.NotFound, code);
        Assert.Contains("run 'nope' not found", err);
        (code, _, err) = await Run("plot", "energy", "plot-run", "--store", Store);
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("the run has several replays; name one", err);
        (code, _, err) = await Run("plot", "layers", "plot-run", "--config", "rram-small", "--epoch", "9", "--store", Store);
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("no estimate of epoch 9", err);
        (code, _, err) = await Run("plot", "runs", "plot-run", "--store", "file:" + _tmp.Combine("missing.db"));
        Assert.Equal((int)ExitCode.NotFound, code);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void The_Pareto_front_keeps_exactly_the_points_no_other_beats()
    {
        ParetoPoint[] points = [new("a", 1, 90), new("b", 2, 95), new("c", 2, 92), new("d", 3, 95), new("e", 0.5, 80), new("f", 4, 99)];
        Assert.Equal(["e", "a", "b", "f"], ParetoFigure.Front(points, maximizeY: true).Select(i => points[i].Label));
        Assert.Equal(["e"], ParetoFigure.Front(points, maximizeY: false).Select(i => points[i].Label));
        Assert.Equal(new EngineeringUnit(1e-3, "mJ"), EngineeringUnit.For([0.0012, 0.5e-3], "J"));
        Assert.Equal(new EngineeringUnit(1e-9, "ns"), EngineeringUnit.For([3e-9], "s"));
    }
}
