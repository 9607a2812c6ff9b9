using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Results;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>
/// The fidelity check of one reference run (V2.0 golden and repository runs, V2.1 runs): <c>estimate-v2</c> on the trace with
/// the run's params.txt, as a user runs it, compared number by number with the reference's NeuroSim_Output.csv and breakdown
/// at 1e-4 (honouring defects.txt), and the console report line for line against the reference's stdout.
/// </summary>
public static class EstimateFidelity
{
    /// <summary>How the console summary starts each area line, in the breakdown's area-row order.</summary>
    private static readonly string[] AreaLines =
    [
        "ChipArea :", "Chip total CIM", "Total IC Area", "Total ADC", "Total Accumulation", "Other Peripheries", "Weight Gradient Calculation :",
    ];

    /// <param name="options">Options before --params (e.g. --chip-model v2.1).</param>
    /// <param name="explained">Cells the reference is known to misread, derived from the model (not listed by hand).</param>
    public static async Task Check(string trace, string reference, string[] options, IReadOnlySet<string> explained, string output, CancellationToken ct)
    {
        var name = $"{trace}/{Path.GetFileName(reference)}";
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = await ReplayerCli.Run(
            ["estimate-v2", GoldenData.TraceDirectory(trace), .. options, "--params", Path.Combine(reference, "params.txt"), "--out", output, "--report"], o, e, ct);
        Assert.True(code == 0, e.ToString());

        var report = V2ResultComparison.Compare(output, reference);
        var misses = report.Cells.Where(c => !c.Matched && !explained.Contains(c.Where)).Take(20)
            .Select(c => $"{c.Where}: ours {c.Ours:G6}, reference {c.Reference:G6} (rel err {c.RelativeError:G3})");
        Assert.True(!misses.Any(), $"{name}: {report.Summary}\n" + string.Join("\n", misses));
        Assert.All(report.Cells.Where(c => explained.Contains(c.Where)), c => Assert.True(double.IsFinite(c.Ours) && c.Ours >= 0, $"{c.Where}: {c.Ours}"));
        Assert.True(report.Cells.Count >= 20 + 7, "the comparison must cover the output row and the breakdown");

        // The console report, line for line the reference's stdout up to its closing run-time lines: the same wording and
        // layout, and every number within 1e-4. Where the reference is known to be wrong (defects.txt, misread cells) only
        // the floorplan's numbers and the area lines it gets right are compared; the rest keeps its wording.
        var theirs = File.ReadAllLines(Path.Combine(reference, "stdout.txt")).Select(l => l.TrimEnd()).ToList();
        var end = theirs.FindIndex(l => l.StartsWith("-------------------------------------- Hardware Performance Done", StringComparison.Ordinal));
        Assert.True(end > 0, $"{name}: the reference's stdout has no 'Hardware Performance Done' line");
        theirs = theirs[..(end + 1)];
        var ours = File.ReadAllLines(Path.Combine(output, "report.txt")).Select(l => l.TrimEnd()).ToList();
        Assert.True(ours.Count == theirs.Count, $"{name}: report has {ours.Count} lines, the reference {theirs.Count}");
        var defective = File.Exists(Path.Combine(reference, "defects.txt")) || explained.Count > 0;
        var defects = V2ResultComparison.ReadDefects(Path.Combine(reference, "defects.txt"));
        var wrongAreas = AreaLines.Where((_, i) => defects.Contains($"breakdown 2:{i + 1}")).ToList();
        var floorplanEnd = theirs.FindIndex(l => l.StartsWith("---------------------------- FloorPlan Done", StringComparison.Ordinal));
        var problems = new List<string>();
        for (var i = 0; i < ours.Count && problems.Count < 20; i++)
        {
            if (ReportLine.Wording(ours[i]) != ReportLine.Wording(theirs[i]))
            {
                problems.Add($"line {i + 1}: ours '{ours[i]}', reference '{theirs[i]}'");
                continue;
            }
            var compare = !defective || i < floorplanEnd || (AreaLines.Any(a => theirs[i].StartsWith(a, StringComparison.Ordinal)) &&
                !wrongAreas.Any(a => theirs[i].StartsWith(a, StringComparison.Ordinal)));
            if (compare && !ReportLine.NumbersAgree(ours[i], theirs[i], 1e-4))
                problems.Add($"line {i + 1}: ours '{ours[i]}', reference '{theirs[i]}'");
        }
        Assert.True(problems.Count == 0, $"{name}: report differs from the reference's stdout:\n" + string.Join("\n", problems));
    }
}
