using System.CommandLine;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Runs;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary><c>export-v2 RUN --epoch N --out DIR [--store …]</c></summary>
public static class ExportV2Command
{
    public static Command Create(CommandIo io)
    {
        var run = new Argument<string>("RUN") { Description = "Run name." };
        var epoch = new Option<int>("--epoch") { Description = "Epoch to export.", Required = true };
        var outDir = new Option<string>("--out") { Description = "Folder to write layer_record/ and NeuroSIM/NetWork.csv into.", Required = true };
        var store = CommandIo.StoreOption();
        var cmd = new Command("export-v2", "Write an epoch's traces back as a V2.0 working directory.") { run, epoch, outDir, store };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var address = CommandIo.Address(parse, store);
            await using var events = await address.OpenForReading(ct);
            var files = await V2Exporter.Export(events, parse.GetValue(run)!, parse.GetValue(epoch), parse.GetValue(outDir)!, ct);
            await io.Out.WriteLineAsync($"wrote {files.Count} files to {parse.GetValue(outDir)} (run with: cd {parse.GetValue(outDir)} && sh layer_record/trace_command.sh)");
            return 0;
        }));
        return cmd;
    }
}
