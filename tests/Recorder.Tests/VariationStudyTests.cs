using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Recorder.Bench;
using NeuroSim.Replay.TestSupport;
using EpochEvaluated = NeuroSim.Replay.Core.Events.Contracts.EpochEvaluated;

namespace NeuroSim.Replay.Recorder.Tests;

/// <summary>The seed-paired comparison behind bench-variation, and the command as a user types it.</summary>
public sealed class VariationStudyTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Sign_test_is_the_binomial_tail()
    {
        Assert.Equal(1.0 / 32, PairedComparison.SignTest(5, 5), 12);
        Assert.Equal(6.0 / 32, PairedComparison.SignTest(4, 5), 12);
        Assert.Equal(0.5, PairedComparison.SignTest(1, 1), 12);
        Assert.Equal(1, PairedComparison.SignTest(0, 0));
        Assert.Equal(1, PairedComparison.SignTest(0, 7), 12);
    }

    [Fact]
    public void Paired_comparison_takes_per_seed_differences()
    {
        // Seed spread (90 vs 95) is large; the variant is 0.2 lower on every seed except one tie.
        var c = PairedComparison.Of([90.0, 95.0, 92.0, 93.0], [89.8, 94.8, 91.8, 93.0]);
        Assert.Equal(92.5, c.BaselineMean, 12);
        Assert.Equal(92.35, c.VariantMean, 12);
        Assert.Equal(-0.15, c.MeanDifference, 12);
        Assert.Equal(Math.Sqrt(0.01 / 4), c.StandardError, 12);   // differences -0.2 x3, 0: variance 0.01
        Assert.Equal((3, 0, 4), (c.Lower, c.Higher, c.Count));
        Assert.Equal(1.0 / 8, c.SignTestP, 12);                     // 3 of 3 non-tied
        Assert.Throws<ArgumentException>(() => PairedComparison.Of([1.0], [1.0, 2.0]));
        Assert.True(double.IsNaN(PairedComparison.Of([1.0], [2.0]).StandardError));
    }

    [Fact]
    public void Late_figures_average_the_last_epochs_and_keep_the_best()
    {
        var evals = new[] { (80.0, 1.0), (90.0, 2.0), (85.0, 3.0), (87.0, 5.0) }
            .Select((x, i) => new EpochEvaluated { Epoch = i, TestAccuracy = x.Item1, TrainLoss = x.Item2, TrainAccuracy = 2 * x.Item1, TestLoss = 10 }).ToList();
        var f = LateFigures.Of(evals, 2);
        Assert.Equal((86.0, 172.0, 4.0, 10.0, 90.0), (f.TestAccuracy, f.TrainAccuracy, f.TrainLoss, f.TestLoss, f.BestTestAccuracy));
        Assert.Equal(85.5, LateFigures.Of(evals, 10).TestAccuracy, 12);
    }

    [Fact]
    public async Task Command_trains_both_arms_on_each_seed_and_names_bad_settings()
    {
        var data = DataAndSettingsTests.WriteNpmDigits(_tmp.Combine("npm"), 8);
        var ct = TestContext.Current.CancellationToken;
        var (code, output, err) = await CommandLine.Run(RecorderCli.Run,
            ["bench-variation", "--data", data, "--epochs", "2", "--seeds", "2", "--last", "1", "--set", "batch_size=20", "--vary", "c2cVari=0.3"], ct);
        Assert.True(code == 0, err);
        Assert.Contains("variant: c2cVari=0.3", output);
        Assert.Equal(4, output.Split('\n').Count(l => l.StartsWith("  seed ", StringComparison.Ordinal)));
        Assert.Contains("of 2 seeds (sign test p = ", output);

        (code, _, err) = await CommandLine.Run(RecorderCli.Run, ["bench-variation", "--data", data, "--vary", "c2c=0.3"], ct);
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("--vary: unknown setting 'c2c'", err);
        (code, _, err) = await CommandLine.Run(RecorderCli.Run, ["bench-variation", "--data", data, "--vary", "c2cVari=-1"], ct);
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("c2cVari", err);
        (code, _, err) = await CommandLine.Run(RecorderCli.Run, ["bench-variation", "--data", data, "--vary", "seed=4"], ct);
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("--vary: 'seed=4'", err);
    }
}
