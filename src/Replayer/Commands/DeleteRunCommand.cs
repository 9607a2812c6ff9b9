using System.CommandLine;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Runs;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary><c>delete-run RUN [--yes] [--store …]</c>: removes a run, its replays and its checkpoints.</summary>
public static class DeleteRunCommand
{
    public static Command Create(CommandIo io, TextReader? input = null)
    {
        var run = new Argument<string>("RUN") { Description = "The run to delete." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation (needed when not on a terminal)." };
        var store = CommandIo.StoreOption();
        var cmd = new Command("delete-run", "Delete a run and its replays (a tombstone in the store; their events are removed) and its checkpoints.") { run, yes, store };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var name = parse.GetValue(run)!;
            var address = CommandIo.Address(parse, store);
            await using var events = await address.OpenForWriting(ct);
            var replays = await RunDeletion.ReplayStreams(events, name, ct);
            if (!parse.GetValue(yes))
            {
                var reader = input ?? (Console.IsInputRedirected ? null : Console.In);
                if (reader is null)
                    throw new ArgumentException($"delete-run {name}: pass --yes to delete without a terminal to confirm on.");
                await io.Out.WriteAsync($"Delete run '{name}' and its {replays.Count} replay(s) from {address}? Type the run name to confirm: ");
                if ((await reader.ReadLineAsync(ct))?.Trim() != name)
                {
                    await io.Out.WriteLineAsync("Not deleted.");
                    return (int)ExitCode.Cancelled;
                }
            }
            var deleted = await RunDeletion.Delete(events, name, ct);
            if (address.CheckpointFolder(name) is { } folder && Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            await io.Out.WriteLineAsync($"deleted run '{deleted.Run}' and {deleted.Replays} replay(s) ({deleted.Events} events) from {address}; the name is free again");
            return 0;
        }));
        return cmd;
    }
}
