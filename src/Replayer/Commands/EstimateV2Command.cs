using System.CommandLine;
using System.Diagnostics;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.IO;
using NeuroSim.Replay.Core.Results;
using NeuroSim.Replay.Core.Traces.V2;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>
/// <c>estimate-v2 DIR [--params FILE] [--set key=value]… --out DIR</c>: the chip model straight on a V2.0
/// folder, writing V2.0's result files (a drop-in for NeuroSIM/main).
/// </summary>
public static class EstimateV2Command
{
    public static Command Create(CommandIo io)
    {
        var dir = new Argument<string>("DIR") { Description = "A V2.0 working directory (layer_record/trace_command.sh, NeuroSIM/NetWork.csv)." };
        var chipModel = new Option<string?>("--chip-model") { Description = "v2.0 (default) or v2.1: the reference model to compute with, and whose Param.cpp --params changes." };
        var paramsFile = new Option<string?>("--params") { Description = "Param.cpp overrides, one key=value a line (C++ literals)." };
        var set = new Option<string[]>("--set") { Description = "key=value (Param.cpp names); repeatable; wins over --params.", AllowMultipleArgumentsPerToken = false };
        var outDir = new Option<string>("--out") { Description = "Folder for NeuroSim_Output.csv and NeuroSim_Results_Each_Epoch/.", Required = true };
        var report = new Option<bool>("--report") { Description = "Also print the reference's console report (floorplan, areas, totals, performance) and save it as OUT/report.txt." };
        var cmd = new Command("estimate-v2", "Estimate a V2.0 trace folder with the chip model and write V2.0's result files.") { dir, chipModel, paramsFile, set, outDir, report };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var config = await ReadConfig(parse.GetValue(paramsFile), parse.GetValue(set), ct, parse.GetValue(chipModel));
            var sw = Stopwatch.StartNew();
            var folder = V2TraceFolder.Read(parse.GetValue(dir)!, cancellationToken: ct);
            var trace = folder.ToEpochTrace();
            var read = sw.Elapsed;
            var chip = new ChipDesign(folder.Network, config, trace.WeightBits, trace.ActivationBits);
            var estimate = chip.Estimate(trace, ct);
            var output = parse.GetValue(outDir)!;
            AtomicFile.CreateFolder(output);
            AtomicFile.CreateFolder(Path.Combine(output, "NeuroSim_Results_Each_Epoch"));
            // RD-75: "Epoch", not the reference's "Epock".
            AtomicFile.WriteText(Path.Combine(output, "NeuroSim_Results_Each_Epoch", $"NeuroSim_Breakdown_Epoch_{trace.Epoch}.csv"), V2ResultWriter.Breakdown(estimate));
            AtomicFile.WriteText(Path.Combine(output, "NeuroSim_Output.csv"), V2ResultWriter.OutputHeader + "\n" + V2ResultWriter.OutputRow(estimate) + "\n");
            if (parse.GetValue(report))
            {
                var text = V2ConsoleReport.Write(estimate, config.Config.NumRowSubArray, config.Config.NumColSubArray);
                AtomicFile.WriteText(Path.Combine(output, "report.txt"), text);
                await io.Out.WriteAsync(text);
            }
            await ReferenceNotes.Write(chip, config, io.Error);
            await io.Out.WriteLineAsync($"estimated {folder.Network.Layers.Length} layers in {(sw.Elapsed - read).TotalSeconds:F2} s (read {read.TotalSeconds:F2} s); wrote {output}");
            return 0;
        }));
        return cmd;
    }

    /// <summary>The defaults, then a --params file, then --set pairs (which win); errors name the file or option.</summary>
    /// <param name="chipModel">The model version whose Param.cpp the settings change (null: V2.0's, unless they name chipModel).</param>
    public static async Task<ValidatedHardwareConfig> ReadConfig(string? paramsFile, string[]? settings, CancellationToken ct, string? chipModel = null)
    {
        var config = HardwareConfig.Default;
        if (chipModel is not null)
            config = ReferenceVersions.TryParse(chipModel, out var version) ? HardwareConfig.DefaultsOf(version)
                : throw new ConfigException([new ConfigError("chipModel", chipModel, $"'{chipModel}' is not valid; allowed: v2.0 or v2.1", "--chip-model")]);
        if (paramsFile is not null)
        {
            if (!File.Exists(paramsFile)) throw new ArgumentException($"--params: file '{paramsFile}' not found.");
            config = HardwareConfigParser.ApplyText(config, await File.ReadAllTextAsync(paramsFile, ct), paramsFile);
        }
        var pairs = (settings ?? []).Select(s =>
        {
            var (k, v) = HardwareConfigParser.SplitSetting(s, "--set");
            return (k, v, 0);
        }).ToList();
        // Every rule, cross-key ones included, before any trace is read.
        return HardwareConfigValidator.Check(HardwareConfigParser.Apply(config, pairs, "--set"));
    }
}
