using NeuroSim.Replay.Accuracy.Inference;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Runs;

namespace NeuroSim.Replay.Accuracy.Tests;

/// <summary>
/// The accuracy replay on a recorded MNIST run: the software forward reproduces the recorded test accuracy exactly; an ideal chip
/// differs from it only by V2.0's weight and input mapping (RD-91), within the bound that mapping gives.
/// </summary>
public sealed class RecordedRunTests(RecordedMnistRun recorded)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(RunSummary Run, IReadOnlyList<double[]> Weights)> Epoch(int epoch)
    {
        var run = await RunReader.ReadSummary(recorded.Store, RecordedMnistRun.Run, Ct) ?? throw new InvalidOperationException("run not recorded");
        return (run, await AccuracyRuns.ReadWeights(recorded.Store, RecordedMnistRun.Run, epoch, Ct));
    }

    [Fact]
    public async Task The_software_forward_reproduces_the_recorded_accuracy()
    {
        if (RecordedMnistRun.SkipReason is { } skip) Assert.Skip(skip);
        for (var epoch = 0; epoch < RecordedMnistRun.Epochs; epoch++)
        {
            var (run, weights) = await Epoch(epoch);
            var software = new InferenceNetwork(run.Network, weights, run.WeightBits, run.ActivationBits, chip: null);
            var outcome = AccuracyEvaluator.Run(software, recorded.Test, 1, 0, 0, Ct);
            var recordedAccuracy = run.Evaluations.Single(e => e.Epoch == epoch).TestAccuracy;
            Assert.Equal(recordedAccuracy, outcome.Percent, 1e-9);
        }
    }

    [Fact]
    public async Task An_ideal_chip_reproduces_the_software_accuracy_within_the_mapping_bound()
    {
        if (RecordedMnistRun.SkipReason is { } skip) Assert.Skip(skip);
        var (run, weights) = await Epoch(RecordedMnistRun.Epochs - 1);
        var software = AccuracyEvaluator.Run(new InferenceNetwork(run.Network, weights, run.WeightBits, run.ActivationBits, null), recorded.Test, 1, 0, 0, Ct);
        // No ADC (partial sums exact), no variation, no drift, no stuck cell; every row read (no v2Quirks).
        var ideal = CimSettings.From(HardwareConfig.Default, AccuracyConfig.Default, run.WeightBits, run.ActivationBits) with { AdcLevels = 0 };
        var chip = AccuracyEvaluator.Run(new InferenceNetwork(run.Network, weights, run.WeightBits, run.ActivationBits, ideal), recorded.Test, 1, 0, 0, Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"software {software.Percent:F2} %, ideal chip {chip.Percent:F2} %");
        Assert.True(Math.Abs(chip.Percent - software.Percent) <= 1.0, $"ideal chip {chip.Percent:F2} % vs software {software.Percent:F2} %");
    }
}
