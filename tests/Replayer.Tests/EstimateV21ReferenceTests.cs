using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>
/// Fidelity of the V2.1 model: <c>estimate-v2 --chip-model v2.1</c> on the golden traces under every configuration of
/// tests/ReferenceRunsV21/TRACE/CONFIG (params.txt relative to V2.1's Param.cpp; runs of the V2.1 reference, README there),
/// compared number by number at 1e-4 with the reference's files and its console report. Every folder with a params.txt is a
/// case; nothing is special-cased.
/// </summary>
public sealed class EstimateV21ReferenceTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _tmp.Dispose();

    /// <summary>tests/ReferenceRunsV21: a folder per golden trace, a folder per configuration.</summary>
    public static string Root => Path.Combine(GoldenData.Repository, "tests", "ReferenceRunsV21");

    public static TheoryData<string, string> Configs()
    {
        var data = new TheoryData<string, string>();
        foreach (var trace in Directory.GetDirectories(Root).Order())
            foreach (var config in Directory.GetDirectories(trace).Where(c => File.Exists(Path.Combine(c, "params.txt"))).Order())
                data.Add(Path.GetFileName(trace), Path.GetFileName(config));
        return data;
    }

    [Theory, MemberData(nameof(Configs))]
    public async Task V21_estimate_matches_the_V21_reference(string trace, string config)
    {
        if (!GoldenData.Has(trace)) Assert.Skip($"{trace}/{config}: the trace '{trace}' is not on this machine ({GoldenData.SkipReason})");
        var reference = Path.Combine(Root, trace, config);
        await EstimateFidelity.Check(trace, reference, ["--chip-model", "v2.1"], new HashSet<string>(), _tmp.Combine($"{trace}-{config}"), Ct);
    }
}
