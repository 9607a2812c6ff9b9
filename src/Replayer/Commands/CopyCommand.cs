using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>
/// <c>copy --from STORE --to STORE [RUN…]</c>: copies runs with their replays (and the checkpoints a server store keeps, and their study)
/// between stores; idempotent and resumable (<see cref="RunCopy"/>).
/// </summary>
public static class CopyCommand
{
    public static Command Create(CommandIo io)
    {
        var runs = new Argument<string[]>("RUN") { Description = "Runs to copy (default: every run of the source).", Arity = ArgumentArity.ZeroOrMore };
        var from = new Option<string>("--from") { Description = "The source store (file:PATH or postgres://USER@HOST:PORT/DATABASE); read only.", Required = true };
        var to = new Option<string>("--to") { Description = "The destination store (created when it is a file that does not exist).", Required = true };
        var cmd = new Command("copy", "Copy runs and their replays from one store to another (idempotent: run it again to finish an interrupted copy).") { runs, from, to };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var source = StoreAddress.Parse(parse.GetValue(from)!);
            var target = StoreAddress.Parse(parse.GetValue(to)!);
            if (source.Scheme == target.Scheme && (source.Scheme == "file" ? Path.GetFullPath(source.Location) == Path.GetFullPath(target.Location) : source.Location == target.Location)) throw new ArgumentException($"--from and --to are the same store ({source}).");
            await using var reader = await source.OpenForReading(ct);
            var names = parse.GetValue(runs) is { Length: > 0 } given ? given : [.. await RunCopy.RunNames(reader, ct)];
            if (names.Length == 0)
            {
                await io.Out.WriteLineAsync($"{source} holds no runs; nothing copied.");
                return 0;
            }
            foreach (var name in names)
                if (!Core.Events.StreamIds.IsValidRunName(name) || await reader.GetStreamInfo(Core.Events.StreamIds.Run(name), ct) is null)
                    throw new RunNotFoundException($"Run '{name}' not found in {source}.");
            await using var writer = await target.OpenOrCreateForWriting(ct);
            foreach (var name in names)
            {
                var clock = Stopwatch.StartNew();
                var copied = await RunCopy.Copy(reader, writer, name, cancellationToken: ct);
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {copied.Streams} stream(s), {copied.EventsCopied} event(s) copied ({copied.BytesCopied / 1e6:F1} MB), " +
                    $"{copied.EventsAlreadyThere} already in {target} ({clock.Elapsed.TotalSeconds:F1} s)"));
            }
            return 0;
        }));
        return cmd;
    }
}
