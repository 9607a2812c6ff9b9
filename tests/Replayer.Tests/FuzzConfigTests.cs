using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.Replayer.Fuzz;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>Issue 19: seeded random configurations never hang, crash or succeed with Inf/NaN/negative numbers.</summary>
public sealed class FuzzConfigTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public async Task Three_hundred_random_configurations_give_finite_results_or_named_errors()
    {
        var dir = SyntheticV2Trace.Create(_tmp.Combine("tiny"), SyntheticV2Trace.TinyNetwork, seed: 1);
        // 300 random configurations, then every key alone at its edges under each design mode (about 1,000 more).
        var summary = await ConfigFuzz.Run(dir, ConfigFuzz.TinyBase, seed: 19, count: 300, TimeSpan.FromSeconds(60), Environment.ProcessorCount, Ct, edges: true);
        var failures = string.Join("\n\n", summary.Failures.Take(5).Select(f => $"{f.Outcome}: {f.Detail}\n{f.Params}"));
        Assert.True(summary.Clean, failures);
        // The campaign exercises both sides: estimates and refusals.
        Assert.True(summary.Count(FuzzOutcome.Finite) >= 30, $"only {summary.Count(FuzzOutcome.Finite)} estimates");
        Assert.True(summary.Count(FuzzOutcome.Refused) >= 30, $"only {summary.Count(FuzzOutcome.Refused)} refusals");
    }

    [Theory]
    [InlineData("--set", "batchSize=0")]
    [InlineData("--set", "clkFreq=1e300")]
    [InlineData("--set", "numColSubArrayWG=2")]   // a cross-key rule (numRowMuxedWG 8 > 2)
    public async Task Estimate_v2_refuses_a_bad_configuration_before_reading_the_trace(string option, string setting)
    {
        // The trace folder does not exist: a configuration error (exit 2) shows that validation came first.
        var (code, _, err) = await CommandLine.Run(ReplayerCli.Run, ["estimate-v2", _tmp.Combine("missing"), option, setting, "--out", _tmp.Combine("out")], Ct);
        Assert.Equal(2, code);
        Assert.Contains("allowed", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_tmp.Combine("out")));
    }

    [Fact]
    public void Draws_are_reproducible_and_touch_every_kind_of_value()
    {
        Assert.Equal(ConfigFuzz.Draw(7, 3, ConfigFuzz.TinyBase), ConfigFuzz.Draw(7, 3, ConfigFuzz.TinyBase));
        var keys = Enumerable.Range(0, 2000).SelectMany(i => ConfigFuzz.Draw(1, i, []).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]).ToHashSet();
        Assert.Equal(ConfigKeys.All.Length, keys.Count);
    }

    [Fact]
    public async Task The_command_prints_the_counts_and_exits_0_when_clean()
    {
        var (code, output, err) = await CommandLine.Run(ReplayerCli.Run, ["fuzz-config", "--count", "12", "--seed", "3", "--timeout-seconds", "60"], Ct);
        Assert.True(code == 0, output + err);
        Assert.Matches(@"fuzz-config seed 3: 12 configurations in [\d.]+ s: \d+ valid and finite, \d+ refused with a named error, 0 hangs, 0 crashes, 0 non-finite or negative with success", output);
    }
}
