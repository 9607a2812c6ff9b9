using System.CommandLine;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Results;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>
/// <c>compare-v2 OURS REFERENCE [--tol 1e-4] [--all]</c>: compares two folders of V2.0 result files number by
/// number (honouring the reference's defects.txt); exits 8 when any number differs by more than the tolerance.
/// </summary>
public static class CompareV2Command
{
    public static Command Create(CommandIo io)
    {
        var ours = new Argument<string>("OURS") { Description = "Folder with NeuroSim_Output.csv and NeuroSim_Results_Each_Epoch/." };
        var reference = new Argument<string>("REFERENCE") { Description = "The reference's folder (may hold defects.txt)." };
        var tol = new Option<double>("--tol") { Description = "Relative tolerance.", DefaultValueFactory = _ => V2ResultComparison.DefaultTolerance };
        var all = new Option<bool>("--all") { Description = "List every mismatching number, not only the summary." };
        var cmd = new Command("compare-v2", "Compare V2.0-format results with a reference folder, number by number.") { ours, reference, tol, all };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var t = parse.GetValue(tol);
            if (!(t >= 0) || double.IsInfinity(t)) throw new ArgumentException($"--tol: {t} is not a non-negative finite tolerance.");
            var report = V2ResultComparison.Compare(parse.GetValue(ours)!, parse.GetValue(reference)!, t);
            if (parse.GetValue(all))
                foreach (var c in report.Cells.Where(c => !c.Matched))
                    await io.Out.WriteLineAsync($"{c.Where}: ours {c.Ours:G6} reference {c.Reference:G6} rel err {c.RelativeError:G3}");
            await io.Out.WriteLineAsync(report.Summary + (report.Skipped.Count > 0 ? $" ({report.Skipped.Count} defective reference cells skipped)" : ""));
            return report.AllMatched ? 0 : (int)ExitCode.Mismatch;
        }));
        return cmd;
    }
}
