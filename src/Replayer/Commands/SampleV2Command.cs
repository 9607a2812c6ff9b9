using System.CommandLine;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Traces.V2;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary><c>sample-v2 DIR [--network tiny|small-vgg|FILE] [--epoch N] [--seed N]</c>: write a synthetic V2.0 trace folder.</summary>
public static class SampleV2Command
{
    public static Command Create(CommandIo io)
    {
        var dir = new Argument<string>("DIR") { Description = "Folder to create (must not exist or be empty)." };
        var network = new Option<string>("--network")
        {
            Description = "tiny (3 layers), small-vgg (VGG-8 pattern at 12x12, default) or a NetWork.csv file.",
            DefaultValueFactory = _ => "small-vgg",
        };
        var epoch = new Option<int>("--epoch") { Description = "Epoch number written into trace_command.sh.", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var cmd = new Command("sample-v2", "Write a synthetic V2.0 working directory (random 5-bit weights, noisy weightOld, 25 % input activity).")
        {
            dir, network, epoch, seed,
        };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var path = parse.GetValue(dir)!;
            if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
                throw new ArgumentException($"DIR: '{path}' exists and is not empty.");
            var net = parse.GetValue(network)!;
            IReadOnlyList<string> rows = net switch
            {
                "tiny" => SyntheticV2Trace.TinyNetwork,
                "small-vgg" => SyntheticV2Trace.SmallVgg,
                _ when File.Exists(net) => (await File.ReadAllLinesAsync(net, ct)).Where(l => l.Trim().Length > 0).ToList(),
                _ => throw new ArgumentException($"--network: '{net}' is neither tiny, small-vgg nor an existing NetWork.csv file."),
            };
            SyntheticV2Trace.Create(path, rows, epoch: parse.GetValue(epoch), seed: parse.GetValue(seed));
            await io.Out.WriteLineAsync($"wrote a synthetic V2.0 trace ({rows.Count} layers) to {path}");
            return 0;
        }));
        return cmd;
    }
}
