using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Studies;
using NeuroSim.Replay.Recorder.Study;
using NeuroSim.Replay.Recorder.Training;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Recorder.Tests;

/// <summary>Study plans (grid, Latin hypercube, checks) and a study recorded, stopped, resumed and replayed through the command line.</summary>
public sealed class StudyTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private string Store => "file:" + _tmp.Combine("study.db");
    public void Dispose() => _tmp.Dispose();

    private static StudyRequest Request(string[] vary, string design = "grid", int levels = 3, int samples = 10, string[]? sets = null) =>
        new("s", "mnist-mlp", 2, 2, vary, design, levels, samples, 7, sets ?? [], null, true, false, null, false, 1, null, 0, 0);

    [Fact]
    public void A_grid_crosses_lists_with_evenly_spaced_range_values_after_the_baseline()
    {
        var plan = StudyPlanner.Plan(Request(["c2cVari=0.001..0.1/log", "max_level=16,32", "nonlinearityLTP=1..3"]));
        Assert.True(plan.Points[0].Baseline);
        Assert.Empty(plan.Points[0].Settings);
        Assert.Equal(1 + 3 * 2 * 3, plan.Points.Count);
        Assert.Equal(["0.001", "0.01", "0.1"], plan.Points.Skip(1).Select(p => p.Settings["c2cVari"]).Distinct());
        Assert.Equal(["1", "2", "3"], plan.Points.Skip(1).Select(p => p.Settings["nonlinearityLTP"]).Distinct());
        Assert.Equal(2 * plan.Points.Count, plan.Runs.Count);
        Assert.Equal("s-p018-s2", plan.Runs[^1].Run);
        Assert.Equal(plan, StudyPlanner.Plan(Request(["c2cVari=0.001..0.1/log", "max_level=16,32", "nonlinearityLTP=1..3"])));
    }

    [Fact]
    public void A_latin_hypercube_puts_one_point_in_each_stratum_of_every_parameter()
    {
        var plan = StudyPlanner.Plan(Request(["c2cVari=0.001..0.1/log", "max_level=16..64", "d2dVari=0..0.1"], "lhs", samples: 8));
        var points = plan.Points.Where(p => !p.Baseline).ToList();
        Assert.Equal(8, points.Count);
        int Stratum(double f) => Math.Min(7, (int)(f * 8));
        var logC2c = points.Select(p => Stratum((Math.Log10(double.Parse(p.Settings["c2cVari"], System.Globalization.CultureInfo.InvariantCulture)) + 3) / 2)).ToList();
        var d2d = points.Select(p => Stratum(double.Parse(p.Settings["d2dVari"], System.Globalization.CultureInfo.InvariantCulture) / 0.1)).ToList();
        Assert.Equal(Enumerable.Range(0, 8), logC2c.Order());
        Assert.Equal(Enumerable.Range(0, 8), d2d.Order());
        Assert.All(points, p => Assert.Matches("^[0-9]+$", p.Settings["max_level"]));
        Assert.NotEqual(plan, StudyPlanner.Plan(Request(["c2cVari=0.001..0.1/log", "max_level=16..64", "d2dVari=0..0.1"], "lhs", samples: 8) with { DesignSeed = 8 }));
    }

    [Theory]
    [InlineData(new[] { "c2cVari" }, "--vary 'c2cVari': expected key=lo..hi")]
    [InlineData(new[] { "c2cVari=0.1..0.01" }, "the range's end must exceed its start")]
    [InlineData(new[] { "c2cVari=0..0.1/log" }, "a /log range needs a positive start")]
    [InlineData(new[] { "learning_rate=1,2" }, "unknown setting 'learning_rate'")]
    [InlineData(new[] { "nonlinearityLTP=1,20" }, "nonlinearityLTP: |20| exceeds 9")]
    [InlineData(new[] { "seed=1,2" }, "'seed' is the study's own")]
    [InlineData(new[] { "c2cVari=1,2", "c2cVari=3" }, "a key is varied twice")]
    [InlineData(new string[0], "varies at least one parameter")]
    public void Impossible_plans_are_refused_naming_the_parameter(string[] vary, string expected) =>
        Assert.Contains(expected, Assert.ThrowsAny<ArgumentException>(() => StudyPlanner.Plan(Request(vary))).Message);

    [Fact]
    public void Varying_the_weight_precision_keeps_one_cell_per_synapse()
    {
        var plan = StudyPlanner.Plan(Request(["wl_weight=4,6"]));
        Assert.Contains("cellBit=6", StudyPlanner.Settings(plan, plan.Points[2]));
        Assert.DoesNotContain(StudyPlanner.Settings(plan, plan.Points[0]), s => s.StartsWith("cellBit", StringComparison.Ordinal));
    }

    /// <summary>A writer that cancels the study once the first run is done (as Ctrl+C would), so the next one is cut short.</summary>
    private sealed class CancelAfterFirstRun(CancellationTokenSource cts) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains("done (1/", StringComparison.Ordinal) == true) cts.Cancel();
        }
    }

    [Fact]
    public async Task A_study_records_tagged_runs_survives_being_stopped_and_resumes_to_its_replays()
    {
        var data = DataAndSettingsTests.WriteNpmDigits(_tmp.Combine("npm"), 8);
        string[] args = ["study", "st", "--vary", "c2cVari=0.003,0.03", "--seeds", "1", "--epochs", "2", "--max-batches", "2", "--batch-size", "20",
            "--data", data, "--replay", "--accuracy", "--parallel", "2", "--store", Store];
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        using (var o = new CancelAfterFirstRun(cts))
        using (var e = new StringWriter())
        {
            var code = await RecorderCli.Run(args, o, e, cts.Token);
            Assert.True(code == (int)ExitCode.Cancelled, $"{code}: {o}{e}");
        }
        await using (var store = await StoreAddress.Parse(Store).OpenForReading(Ct))
        {
            var state = (await StudyStore.Read(store, "st", Ct))!;
            Assert.Equal(3, state.Plan.Runs.Count);
            Assert.InRange(state.DoneCount, 1, 2);
            Assert.False(state.Completed);
        }
        // Again, with the study's name only: the runs not done are recorded (a stopped one resumed) and replayed.
        var (again, output, err) = await CommandLine.Run(RecorderCli.Run, ["study", "st", "--store", Store], Ct);
        Assert.True(again == 0, output + err);
        Assert.Contains("complete: 3 runs", output);
        await using (var store = await StoreAddress.Parse(Store).OpenForReading(Ct))
        {
            var state = (await StudyStore.Read(store, "st", Ct))!;
            Assert.True(state.Completed);
            Assert.Equal(3, state.Replayed.Count);
            foreach (var run in state.Plan.Runs)
            {
                var summary = (await RunReader.ReadSummary(store, run.Run, Ct))!;
                Assert.Equal(RunStatus.Completed, summary.Status);
                Assert.Equal(("st", $"{run.Point}"), (summary.Started.Tags["study"], summary.Started.Tags["study_point"]));
                var point = state.Plan.Points[run.Point];
                Assert.Equal(point.Baseline ? "0.003" : point.Settings["c2cVari"], summary.Started.Settings["c2cVari"]);
                Assert.Equal([0, 1], summary.TracedEpochs);
                var replays = await Core.Replays.StoredReplay.List(store, run.Run + "-", Ct);
                Assert.Equal([0, 1], Assert.Single(replays).Epochs);
                Assert.Equal(2, await Count(store, StreamIds.Replay(run.Run, replays[0].Config.Id), EventTypeNames.AccuracyEstimated));
            }
        }
        // Another plan under the same name is refused.
        (again, _, err) = await CommandLine.Run(RecorderCli.Run, ["study", "st", "--vary", "c2cVari=0.1,0.2", "--store", Store], Ct);
        Assert.Equal((int)ExitCode.Conflict, again);
        Assert.Contains("exists with another plan", err);
    }

    private static async Task<int> Count(EventStore.IReadOnlyEventStore store, EventStore.StreamId stream, string type)
    {
        var n = 0;
        await foreach (var _ in RunReader.ReadAll(store, stream, [type], Ct)) n++;
        return n;
    }
}
