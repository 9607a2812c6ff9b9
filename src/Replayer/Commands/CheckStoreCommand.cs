using System.CommandLine;
using System.Globalization;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Runs;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary><c>check-store [--store …]</c>: the whole store checked; exit 0 when sound, 6 with the problems listed.</summary>
public static class CheckStoreCommand
{
    public static Command Create(CommandIo io)
    {
        var store = CommandIo.StoreOption();
        var cmd = new Command("check-store", "Check the whole store: the database's own integrity check, every event parsed, every stored tensor's checksum.") { store };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var address = CommandIo.Address(parse, store);
            await using var events = await address.OpenForChecking(ct);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var report = await StoreCheck.Run(events, cancellationToken: ct);
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{address}: {report.Events} events in {report.Streams} streams, {report.PayloadBytes / 1e6:F1} MB of payloads, {report.Tensors} tensors checked in {clock.Elapsed.TotalSeconds:F1} s");
            if (report.IsSound)
            {
                await io.Out.WriteLineAsync($"{summary}: sound");
                return 0;
            }
            foreach (var p in report.Problems) await io.Error.WriteLineAsync($"damaged: {p}");
            await io.Error.WriteLineAsync($"{summary}: {report.Problems.Count} problem(s) (at most 100 listed). Restore the store from a copy; commands refuse a damaged store.");
            return (int)ExitCode.StoreError;
        }));
        return cmd;
    }
}
