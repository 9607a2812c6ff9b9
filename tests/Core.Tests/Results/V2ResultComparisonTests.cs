using NeuroSim.Replay.Core.Results;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Results;

public sealed class V2ResultComparisonTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    public void Dispose() => _tmp.Dispose();

    private string Folder(string name, string output, string breakdown, string spelling = "Epoch", string? defects = null, int epoch = 0)
    {
        var dir = _tmp.Combine(name);
        Directory.CreateDirectory(Path.Combine(dir, "NeuroSim_Results_Each_Epoch"));
        File.WriteAllText(Path.Combine(dir, "NeuroSim_Output.csv"), output);
        File.WriteAllText(Path.Combine(dir, "NeuroSim_Results_Each_Epoch", $"NeuroSim_Breakdown_{spelling}_{epoch}.csv"), breakdown);
        if (defects is not null) File.WriteAllText(Path.Combine(dir, "defects.txt"), defects);
        return dir;
    }

    [Fact]
    public void Numbers_within_tolerance_match_and_the_header_is_ignored()
    {
        var ours = Folder("ours", "L (s), E (J)\n1.00001e-3,2\n", "a,b\n1,2\n\nTotal,3,4\n");
        var reference = Folder("ref", "1e-3,2\n", "a,b\n1,2\n\nTotal,3,4\n", "Epock");
        var report = V2ResultComparison.Compare(ours, reference);
        Assert.True(report.AllMatched, report.Summary);
        Assert.Equal(2 + 4, report.Cells.Count);
        Assert.Equal("output 1", report.Worst!.Where);
        Assert.InRange(report.Worst.RelativeError, 9e-6, 1.1e-5);
    }

    [Fact]
    public void The_latest_epoch_both_folders_have_is_compared()
    {
        // A V2.0 run of epoch 3 (the reference writes one breakdown per epoch) against our estimate of the same epoch.
        var ours = Folder("ours", "1,2\n", "x\n1,2\n", epoch: 3);
        File.WriteAllText(Path.Combine(ours, "NeuroSim_Results_Each_Epoch", "NeuroSim_Breakdown_Epoch_1.csv"), "x\n9,9\n");
        var reference = Folder("ref", "1,2\n", "x\n1,2\n", "Epock", epoch: 3);
        Assert.True(V2ResultComparison.Compare(ours, reference).AllMatched);
        Assert.EndsWith("NeuroSim_Breakdown_Epoch_3.csv", V2ResultComparison.LatestBreakdown(ours));

        var other = Folder("other", "1,2\n", "x\n1,2\n", "Epock", epoch: 5);
        var ex = Assert.Throws<FileNotFoundException>(() => V2ResultComparison.Compare(ours, other));
        Assert.Contains("epoch(s) 1, 3", ex.Message);
        Assert.Contains("epoch(s) 5", ex.Message);
    }

    [Fact]
    public void A_difference_beyond_tolerance_is_reported_with_its_cell()
    {
        var ours = Folder("ours", "1,2\n", "x\n1,2.5\n");
        var reference = Folder("ref", "1,2\n", "x\n1,2\n", "Epock");
        var report = V2ResultComparison.Compare(ours, reference);
        Assert.False(report.AllMatched);
        var miss = Assert.Single(report.Cells, c => !c.Matched);
        Assert.Equal("breakdown 2:2", miss.Where);
        Assert.Equal(0.25, miss.RelativeError, 12);
    }

    [Fact]
    public void Defective_and_NaN_reference_cells_are_skipped_but_ours_must_be_finite()
    {
        var reference = Folder("ref", "1,nan,3\n", "x\n1,0\n", "Epock", "# known wrong\noutput 3\nbreakdown 2:2\n");
        var ok = Folder("ok", "1,5,99\n", "x\n1,7\n");
        var report = V2ResultComparison.Compare(ok, reference);
        Assert.True(report.AllMatched, report.Summary);
        Assert.Equal(["output 2", "output 3", "breakdown 2:2"], report.Skipped);

        var bad = Folder("bad", "1,nan,3\n", "x\n1,0\n");
        var ex = Assert.Throws<InvalidDataException>(() => V2ResultComparison.Compare(bad, reference));
        Assert.Contains("output 2", ex.Message);
    }

    [Fact]
    public void Malformed_defects_and_missing_files_name_the_file()
    {
        var reference = Folder("ref", "1\n", "x\n1\n", "Epock", "output\n");
        var ours = Folder("ours", "1\n", "x\n1\n");
        var ex = Assert.Throws<FormatException>(() => V2ResultComparison.Compare(ours, reference));
        Assert.Contains("defects.txt:1", ex.Message);

        var missing = Assert.Throws<FileNotFoundException>(() => V2ResultComparison.Compare(_tmp.Combine("nowhere"), reference));
        Assert.Contains("NeuroSim_Output.csv", missing.Message);

        var shortRow = Folder("short", "1,2\n", "x\n1\n");
        Assert.Throws<FormatException>(() => V2ResultComparison.Compare(shortRow, Folder("ref2", "1\n", "x\n1\n", "Epock")));
    }
}
