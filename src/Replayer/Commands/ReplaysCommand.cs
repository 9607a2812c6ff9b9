using System.CommandLine;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Text;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary><c>replays [RUN]</c>: the replay streams in the store, with their configuration and epochs.</summary>
public static class ReplaysCommand
{
    public static Command Create(CommandIo io)
    {
        var run = new Argument<string?>("RUN") { Description = "Only this run's replays.", Arity = ArgumentArity.ZeroOrOne };
        var store = CommandIo.StoreOption();
        var cmd = new Command("replays", "List replays (run x configuration) with the keys that differ from the V2.0 defaults.") { run, store };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var eventStore = await CommandIo.Address(parse, store).OpenForReading(ct);
            await using var _ = eventStore;
            var table = new TextTable("RUN", "CONFIG", "NAME", "EPOCHS", "CHIP MODEL", "CHANGED KEYS");
            foreach (var r in await Core.Replays.StoredReplay.List(eventStore, parse.GetValue(run) is { } name ? name + "-" : "", ct))
                table.Add(r.Run, r.Config.Id, r.Config.Name, Core.Replays.ReplayEngine.Ranges(r.Epochs), r.ModelLabel, r.Changed);
            if (table.Count == 0) await io.Out.WriteLineAsync("no replays" + (parse.GetValue(run) is { } rr ? $" of run '{rr}'" : "") + " (./neurosim replay RUN --preset rram-32nm)");
            else await io.Out.WriteAsync(table.ToString());
            return 0;
        }));
        return cmd;
    }
}
