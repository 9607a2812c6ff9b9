using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>
/// Fidelity: <c>estimate-v2</c> on every golden trace and configuration, as a user runs it, compared number by
/// number with the reference's NeuroSim_Output.csv and breakdown at 1e-4 (honouring defects.txt).
/// </summary>
public sealed class EstimateV2GoldenTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _tmp.Dispose();

    public static TheoryData<string, string> GoldenConfigs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (trace, config) in GoldenData.AllConfigs()) data.Add(trace, config);
        return data;
    }

    [Theory, MemberData(nameof(GoldenConfigs))]
    public async Task Estimate_matches_the_reference_outputs(string trace, string config)
    {
        if (!GoldenData.Has(trace, config)) Assert.Skip(GoldenData.SkipReasonFor(trace, config));
        var reference = GoldenData.ConfigDirectory(trace, config);
        var explained = await ReferenceDefects.MisreadCells(trace, reference, Ct);
        await EstimateFidelity.Check(trace, reference, [], explained, _tmp.Combine($"{trace}-{config}"), Ct);
    }
}
