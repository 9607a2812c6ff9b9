using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Robustness;

/// <summary>
/// Issue 19: valid-looking configurations that hung or gave Inf/NaN/negative figures. Each either gives finite,
/// non-negative results or a named error before any work (docs/reference-deviations.md).
/// </summary>
public sealed class ChipModelRobustnessTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private readonly Lazy<V2TraceFolder> _folder;

    public ChipModelRobustnessTests() =>
        _folder = new(() => V2TraceFolder.Read(SyntheticV2Trace.Create(_tmp.Combine("t"), SyntheticV2Trace.SmallVgg, seed: 3)));

    public void Dispose() => _tmp.Dispose();

    /// <summary>Designs and estimates under a watchdog: a hang fails the test instead of stalling the suite.</summary>
    private async Task<EpochEstimate> Estimate(params (string Key, string Value)[] settings)
    {
        var folder = _folder.Value;
        var trace = folder.ToEpochTrace();
        var config = HardwareConfigParser.Apply(HardwareConfig.Default,
            [("numRowSubArray", "32", 0), ("numColSubArray", "32", 0), .. settings.Select(s => (s.Key, s.Value, 0))], "test");
        using var cts = new CancellationTokenSource();
        var work = Task.Run(() => new ChipDesign(folder.Network, config, trace.WeightBits, trace.ActivationBits).Estimate(trace, cts.Token));
        try
        {
            return await work.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            await cts.CancelAsync();
            throw new Xunit.Sdk.XunitException($"the estimate did not finish within 30 s ({string.Join(", ", settings)})");
        }
    }

    private static void AssertFiniteAndNonNegative(EpochEstimate e) => Assert.Empty(FigureCheck.Problems(e.Figures));

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(16)]
    public async Task Small_batches_give_finite_weight_gradient_and_update_figures(int batch)
    {
        var e = await Estimate(("batchSize", batch.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        AssertFiniteAndNonNegative(e);
        // RD-01: the reference writes 0 arrays in parallel below batch 17 (5-bit synapses) and divides by it; we write at least one.
        Assert.True(e.Total.LatencyWU > 0);
    }

    [Fact]
    public async Task A_batch_of_one_finishes()
    {
        AssertFiniteAndNonNegative(await Estimate(("batchSize", "1")));
    }

    [Fact]
    public async Task Batch_times_iterations_beyond_int_gives_positive_throughput()
    {
        var e = await Estimate(("batchSize", "200000"), ("numIteration", "200000"));
        AssertFiniteAndNonNegative(e);
        Assert.True(e.NumComputation > 0);
    }

    [Fact]
    public async Task The_largest_buffer_overhead_allowed_finishes()
    {
        AssertFiniteAndNonNegative(await Estimate(("bufferOverHeadConstraint", "1000")));
    }

    [Theory]
    [InlineData("bufferOverHeadConstraint", "100000")]
    [InlineData("clkFreq", "1e300")]
    [InlineData("clkFreq", "1e-300")]
    [InlineData("readVoltage", "1e300")]
    [InlineData("writeVoltage", "1e-300")]
    [InlineData("featuresize", "1e-300")]
    [InlineData("readPulseWidth", "1e300")]
    [InlineData("heightInFeatureSize1T1R", "1e300")]
    [InlineData("resistanceOn", "1e-300")]
    [InlineData("gateCapFeFET", "1e300")]
    [InlineData("batchSize", "2000000000")]
    public void Absurd_values_are_refused_with_the_allowed_range(string key, string value)
    {
        var ex = Assert.Throws<ConfigException>(() => HardwareConfigParser.Apply(HardwareConfig.Default, [(key, value, 3)], "chip.txt"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal((key, 3), (error.Key, error.Line));
        Assert.Contains("allowed: ", error.Message);
        Assert.True(ConfigKeys.TryGet(key, out var k));
        Assert.Contains(k.Rule, error.Message);
    }

    [Theory]
    [InlineData("tileBufferCoreSizeRow=1", "tileBufferCoreSizeRow")]
    [InlineData("tileBufferCoreSizeCol=1", "tileBufferCoreSizeCol")]
    [InlineData("globalBufferCoreSizeRow=1", "globalBufferCoreSizeRow")]
    [InlineData("globalBufferCoreSizeCol=1", "globalBufferCoreSizeCol")]
    [InlineData("numColSubArrayWG=2", "numColSubArrayWG")]
    [InlineData("numRowSubArrayWG=2", "numRowSubArrayWG")]
    [InlineData("globalBufferType=true;globalBufferCoreSizeRow=2", "globalBufferCoreSizeRow")]                 // RD-08
    [InlineData("globalBufferType=true;tileBufferType=true;peBufferType=true;heightInFeatureSizeSRAM=4", "heightInFeatureSizeSRAM")]
    [InlineData("widthInFeatureSizeSRAM=2.7;numColSubArrayWG=32;accesstype=4;relaxArrayCellWidth=1;relaxArrayCellHeight=1", "numColSubArrayWG")]          // RD-08
    [InlineData("widthInFeatureSize1T1R=1;technode=7;relaxArrayCellWidth=1;relaxArrayCellHeight=1", "widthInFeatureSize1T1R")]   // RD-09
    public async Task Edge_sizes_are_finite_and_non_negative_or_refused(string settings, string key)
    {
        try
        {
            AssertFiniteAndNonNegative(await Estimate([.. settings.Split(';').Select(kv => (kv[..kv.IndexOf('=')], kv[(kv.IndexOf('=') + 1)..]))]));
        }
        catch (ConfigException ex)
        {
            Assert.Contains(ex.Errors, e => e.Key == key || e.Message.Contains(key, StringComparison.Ordinal));
        }
    }
}
