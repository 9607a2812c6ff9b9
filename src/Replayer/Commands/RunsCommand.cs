using System.CommandLine;
using System.Globalization;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Text;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary><c>runs [--store …]</c>: one line per run.</summary>
public static class RunsCommand
{
    public static Command Create(CommandIo io)
    {
        var store = CommandIo.StoreOption();
        var cmd = new Command("runs", "List the runs in the store.") { store };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var address = CommandIo.Address(parse, store);
            await using var events = await address.OpenForReading(ct);
            var runs = await RunReader.ListRuns(events, ct);
            if (runs.Count == 0)
            {
                await io.Out.WriteLineAsync($"no runs in {address}");
                return 0;
            }
            var table = new TextTable("RUN", "NETWORK", "LAYERS", "EPOCHS", "PRECISION", "STATUS", "BEST ACC", "CREATED");
            foreach (var r in runs)
            {
                table.Add(r.Name, Describe(r), r.Network.Layers.Length.ToString(CultureInfo.InvariantCulture),
                    Epochs(r), $"W{r.WeightBits}/A{r.ActivationBits}", Status(r, address),
                    r.BestAccuracy is { } a ? a.ToString("F2", CultureInfo.InvariantCulture) + "%" : "-",
                    r.Created.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }
            await io.Out.WriteAsync(table.ToString());
            return 0;
        }));
        return cmd;
    }

    /// <summary>The run's status; a run whose recorder is gone says how to continue it.</summary>
    private static string Status(RunSummary r, StoreAddress address)
    {
        var resume = $"./neurosim record --resume {r.Name}" + (address == StoreAddress.Default ? "" : $" --store {address}");
        return r.Status switch
        {
            RunStatus.Abandoned => $"abandoned (resume with: {resume})",
            RunStatus.Stale => string.Create(CultureInfo.InvariantCulture,
                $"stale (no event for {RunLiveness.DefaultStaleAfter.TotalMinutes:F0}+ min; if its recorder is gone, resume with: {resume})"),
            _ => r.Status.ToString().ToLowerInvariant(),
        };
    }

    private static string Describe(RunSummary r)
    {
        var first = r.Network.Layers[0];
        var last = r.Network.Layers[^1];
        return $"{r.Started.Model} {first.IfmHeight}x{first.IfmWidth}x{first.IfmChannels}->{last.OfmChannels}";
    }

    private static string Epochs(RunSummary r)
    {
        if (r.TracedEpochs.IsEmpty) return "0";
        var e = r.TracedEpochs;
        return e.Length == 1 ? $"1 ({e[0]})" : $"{e.Length} ({e[0]}-{e[^1]})";
    }
}
