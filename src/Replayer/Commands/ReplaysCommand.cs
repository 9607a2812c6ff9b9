using System.CommandLine;
using NeuroSim.Replay.Core.Cli;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Hardware;
using NeuroSim.Replay.Core.Runs;

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
            var prefix = StreamIds.ReplayPrefix + (parse.GetValue(run) is { } r ? r + "-" : "");
            var table = new TextTable("RUN", "CONFIG", "NAME", "EPOCHS", "MODEL", "CHANGED KEYS");
            foreach (var info in (await eventStore.ListStreams(prefix, ct)).OrderBy(s => s.StreamId.Value))
            {
                ReplayStarted? started = null;
                var epochs = new SortedSet<int>();
                await foreach (var e in RunReader.ReadAll(eventStore, info.StreamId, [EventTypeNames.ReplayStarted, EventTypeNames.EpochEstimated], ct))
                    switch (EventSerializer.Deserialize(e))
                    {
                        case ReplayStarted rs: started = rs; break;
                        case EpochEstimated ee: epochs.Add(ee.Epoch); break;
                    }
                if (started is null) continue;
                var config = HardwareConfigParser.Apply(HardwareConfig.Default, started.Config.Select(kv => (kv.Key, kv.Value, 0)), info.StreamId.Value);
                var diff = ConfigIdentity.Differences(config).Select(d => $"{d.Key}={d.Value}").ToList();
                table.Add(started.RunId, started.ConfigId, started.ConfigName, Core.Replays.ReplayEngine.Ranges(epochs), started.ModelVersion,
                    diff.Count == 0 ? "(V2.0 default)" : string.Join(" ", diff));
            }
            if (table.Count == 0) await io.Out.WriteLineAsync("no replays" + (parse.GetValue(run) is { } rr ? $" of run '{rr}'" : "") + " (./neurosim replay RUN --preset rram-32nm)");
            else await io.Out.WriteAsync(table.ToString());
            return 0;
        }));
        return cmd;
    }
}
