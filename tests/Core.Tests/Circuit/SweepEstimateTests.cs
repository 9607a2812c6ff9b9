using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Circuit.Trace;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Circuit;

/// <summary>
/// An epoch under several chips with the work they share done once (<see cref="SweepEstimate"/>, <see cref="ArrayReads"/>)
/// gives, chip for chip, the very numbers of each chip's estimate alone: every figure of the result, bit for bit.
/// </summary>
public sealed class SweepEstimateTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    /// <summary>Chips that share the array (periphery, node, buffers, clock, DRAM, ADC settings vary) and chips that do not.</summary>
    private static readonly string[][] Sweep =
    [
        [],
        ["technode=45"], ["technode=65"], ["technode=22"], ["technode=130", "clkFreq=5e8"],
        ["levelOutput=32"], ["levelOutput=16", "levelOutputAG=32"], ["readVoltage=0.6"], ["deviceroadmap=1"],
        ["clkFreq=2e9", "dramType=1"], ["globalBufferType=true", "tileBufferType=true", "peBufferType=true"], ["numColMuxed=16"],
        ["temp=350"], ["chipActivation=false"], ["reLu=false"], ["speedUpDegree=4"], ["pipeline=true"],
        // Other arrays: subarray size, cell, read mode, mapping, inference only.
        ["numRowSubArray=64", "numColSubArray=64"], ["memcelltype=3"], ["memcelltype=1"], ["operationmode=1"], ["novelMapping=false"],
        ["trainingEstimation=false"], ["parallelBP=false"], ["resistanceOn=240e3"],
        // The V2.1 model (issue 18): its default, RRAM beside V2.0's (same array, other ADC identity and update key), its ADCs.
        ["chipModel=v2.1"], ["chipModel=v2.1", "memcelltype=2", "resistanceOn=100e3", "resistanceOff=1e6", "temp=301"],
        ["chipModel=v2.1", "SARADC=true"], ["chipModel=v2.1", "currentMode=false", "temp=350"], ["chipModel=v2.1", "operationmode=1"],
    ];

    public static TheoryData<string> Traces()
    {
        var data = new TheoryData<string> { "synthetic" };
        if (GoldenData.Has("vgg8h-synthetic")) data.Add("vgg8h-synthetic");
        return data;
    }

    [Theory, MemberData(nameof(Traces))]
    public void A_shared_work_sweep_equals_each_chip_alone_bit_for_bit(string source)
    {
        var (folder, subArray) = source == "synthetic"
            ? (V2TraceFolder.Read(SyntheticV2Trace.Create(_tmp.Combine("t"), SyntheticV2Trace.SmallVgg, seed: 5), cancellationToken: Ct), 32)
            : (V2TraceFolder.Read(GoldenData.TraceDirectory(source), cancellationToken: Ct), 128);
        var trace = folder.ToEpochTrace();
        var designs = Sweep.Select(settings => Design(folder, trace, subArray, settings)).ToList();

        var reads = new ArrayReads();
        var shared = SweepEstimate.Run(trace, designs, parallelism: 2, reads, Ct);
        Assert.True(reads.Windows > 0, "the sweep shared its array reads");
        for (var i = 0; i < designs.Count; i++)
        {
            var alone = designs[i].Estimate(trace, Ct);
            Assert.True(EstimateContracts.ToContract(alone, 0, 0).Equals(EstimateContracts.ToContract(shared[i], 0, 0)),
                $"{source}, chip [{string.Join(" ", Sweep[i])}]: the shared-work estimate differs from the chip's own");
        }

        // A later plan on the same reads (a worker's next job on the epoch) adds what it needs and still agrees.
        var late = Design(folder, trace, subArray, ["levelOutput=8", "clkFreq=7e8"]);
        var lateShared = SweepEstimate.Run(trace, [late], parallelism: 2, reads, Ct)[0];
        Assert.True(EstimateContracts.ToContract(late.Estimate(trace, Ct), 0, 0).Equals(EstimateContracts.ToContract(lateShared, 0, 0)), "a later chip on kept reads");
    }

    private static ChipDesign Design(V2TraceFolder folder, EpochTrace trace, int subArray, string[] settings)
    {
        IEnumerable<(string, string, int)> pairs = [("numRowSubArray", $"{subArray}", 0), ("numColSubArray", $"{subArray}", 0),
            .. settings.Select(s => s.Split('=')).Select(kv => (kv[0], kv[1], 0))];
        var config = HardwareConfigParser.Apply(HardwareConfig.Default, [.. pairs], "test");
        return new ChipDesign(folder.Network, config, trace.WeightBits, trace.ActivationBits);
    }
}
