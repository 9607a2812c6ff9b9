using System.CommandLine;
using NeuroSim.Replay.Replayer.Commands;

namespace NeuroSim.Replay.Replayer;

/// <summary>The Replayer's command line: trace import/export, run listing, chip estimates of V2.0 folders, comparison and benchmark (later replays and sweeps).</summary>
public static class ReplayerCli
{
    public static async Task<int> Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("NeuroSim.Replay replayer: import/export V2.0 traces, list runs, estimate V2.0 folders with the chip model, compare and benchmark.");
        var io = new CommandIo(output, error);
        root.Subcommands.Add(ImportV2Command.Create(io));
        root.Subcommands.Add(ExportV2Command.Create(io));
        root.Subcommands.Add(RunsCommand.Create(io));
        root.Subcommands.Add(DeleteRunCommand.Create(io));
        root.Subcommands.Add(CopyCommand.Create(io));
        root.Subcommands.Add(WorkerCommand.Create(io));
        root.Subcommands.Add(JobsCommand.Create(io));
        root.Subcommands.Add(BenchFleetCommand.Create(io));
        root.Subcommands.Add(CheckStoreCommand.Create(io));
        root.Subcommands.Add(SampleV2Command.Create(io));
        root.Subcommands.Add(EstimateV2Command.Create(io));
        root.Subcommands.Add(V2MainCommand.Create(io));
        root.Subcommands.Add(V2MainInstallCommands.CreateInstall(io));
        root.Subcommands.Add(V2MainInstallCommands.CreateUninstall(io));
        root.Subcommands.Add(V2MainInstallCommands.CreateSync(io));
        root.Subcommands.Add(CompareV2Command.Create(io));
        root.Subcommands.Add(BenchCommand.Create(io));
        root.Subcommands.Add(BenchStoreCommand.Create(io));
        root.Subcommands.Add(FuzzConfigCommand.Create(io));
        root.Subcommands.Add(ReplayCommand.Create(io));
        root.Subcommands.Add(ReplaysCommand.Create(io));
        root.Subcommands.Add(AccuracyBenchCommand.Create(io));
        var parse = root.Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
