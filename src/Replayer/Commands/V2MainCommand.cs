using System.CommandLine;
using System.Diagnostics;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Results;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.Replayer.DropIn;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>
/// <c>v2-main EPOCH NETWORK.csv WL_WEIGHT WL_INPUT (WEIGHT WEIGHT_OLD INPUT ACTIVITY)…</c>: a drop-in for the V2.0 wrapper's
/// <c>NeuroSIM/main</c>, called by its <c>layer_record/trace_command.sh</c> after each epoch's test (installed by
/// <c>install-v2-main</c>). Reads the epoch's traces from the working directory as main does, imports them with the wrapper's
/// own files into the configured run (one atomic append), estimates the epoch with the configured chip, stores the estimate
/// as that chip's replay, and writes what main writes: the console report, a row appended to NeuroSim_Output.csv and the
/// epoch's breakdown file. Anything wrong: one line on stderr, exit non-zero, nothing imported and no file touched.
/// </summary>
public static class V2MainCommand
{
    public const string ConfigName = "v2-main";

    public static Command Create(CommandIo io)
    {
        var arguments = new Argument<string[]>("ARGS") { Description = "NeuroSIM/main's arguments, as trace_command.sh passes them.", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("v2-main", "Drop-in for the V2.0 wrapper's NeuroSIM/main: import the epoch into a run, estimate it, write main's outputs.") { arguments };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var clock = Stopwatch.StartNew();
            var args = parse.GetValue(arguments)!;
            var directory = Directory.GetCurrentDirectory();
            var command = TraceCommand.FromArguments(args, "NeuroSIM/main's arguments");
            var networkFile = V2TraceFolder.Resolve(directory, command.NetworkFile);
            var settings = V2MainSettings.Resolve(Environment.GetEnvironmentVariable, networkFile);
            var config = await ReadChip(settings.ChipFile, ct);
            var folder = V2TraceFolder.FromCommand(directory, command, "NeuroSIM/main's arguments", networkFile, ct);
            var wrapper = V2WrapperFiles.Read(directory);
            var trace = folder.ToEpochTrace(settings.Run);
            var chip = new ChipDesign(folder.Network, config, trace.WeightBits, trace.ActivationBits);
            var estimate = chip.Estimate(trace, ct);

            await using var store = await StoreAddress.Parse(settings.Store).OpenOrCreateForWriting(ct);
            var imported = await V2Importer.ImportWrapperCall(store, folder, wrapper, settings.Run, ct);
            await ReplayEngine.StoreEstimate(store, settings.Run, new ReplayConfig(ConfigName, config.Config), command.Epoch, estimate, clock.Elapsed.TotalSeconds, ct);

            // What main writes, where main writes it: the row appended to the wrapper's NeuroSim_Output.csv (the wrapper wrote
            // its header), the breakdown appended to NeuroSim_Results_Each_Epoch/NeuroSim_Breakdown_Epock_<argv[1]>.csv
            // (RD-75: the reference's spelling, which the wrapper's users' scripts open), the console report.
            File.AppendAllText(Path.Combine(directory, "NeuroSim_Output.csv"), V2ResultWriter.OutputRow(estimate) + "\n");
            var results = Path.Combine(directory, "NeuroSim_Results_Each_Epoch");
            Directory.CreateDirectory(results);
            File.AppendAllText(Path.Combine(results, $"NeuroSim_Breakdown_Epock_{args[0]}.csv"), V2ResultWriter.Breakdown(estimate));
            await io.Out.WriteAsync(V2ConsoleReport.Write(estimate, config.Config.NumRowSubArray, config.Config.NumColSubArray, clock.Elapsed.TotalSeconds));
            await ReferenceNotes.Write(chip, config, io.Error);
            var what = imported.AlreadyHeld ? "already held" : "recorded";
            await io.Error.WriteLineAsync($"NeuroSim.Replay: epoch {command.Epoch} {what} in run '{settings.Run}' of {settings.Store}" +
                (imported.WrapperRows > 0 ? $" with {imported.WrapperRows} row(s) of the wrapper's files" : "") + $" ({clock.Elapsed.TotalSeconds:F1} s)");
            return 0;
        }));
        return cmd;
    }

    /// <summary>The chip of the settings: a TOML chip file, else a params.txt (Param.cpp key=value lines), else V2.0's defaults; validated.</summary>
    public static async Task<ValidatedHardwareConfig> ReadChip(string? chipFile, CancellationToken ct)
    {
        if (chipFile is null) return HardwareConfigValidator.Check(HardwareConfig.Default);
        if (chipFile.EndsWith(".toml", StringComparison.OrdinalIgnoreCase))
            return HardwareConfigValidator.Check(HardwareConfigFile.Apply(HardwareConfig.Default, chipFile));
        return await EstimateV2Command.ReadConfig(chipFile, [], ct);
    }
}
