using System.CommandLine;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Replayer.DropIn;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary><c>install-v2-main DIR --run NAME [--store ADDRESS] [--chip FILE]</c> and <c>uninstall-v2-main DIR</c>.</summary>
public static class V2MainInstallCommands
{
    public static Command CreateInstall(CommandIo io)
    {
        var dir = new Argument<string>("DIR") { Description = "The wrapper's NeuroSIM folder (where its main and NetWork.csv are)." };
        var run = new Option<string>("--run") { Description = "The run every epoch of the wrapper's training goes into.", Required = true };
        var chip = new Option<string?>("--chip") { Description = "The chip to estimate with: a chip TOML or a params.txt (default: V2.0's Param.cpp defaults)." };
        var store = CommandIo.StoreOption();
        var cmd = new Command("install-v2-main", "Install the drop-in for the V2.0 wrapper's NeuroSIM/main (the original is kept).") { dir, run, chip, store };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var name = parse.GetValue(run)!;
            if (!StreamIds.IsValidRunName(name)) throw new ArgumentException($"--run: '{name}' is not a valid run name ({StreamIds.RunNameRule}).");
            var chipFile = parse.GetValue(chip) is { } c ? Path.GetFullPath(c) : null;
            if (chipFile is not null)
            {
                if (!File.Exists(chipFile)) throw new ArgumentException($"--chip: file '{chipFile}' not found");
                await V2MainCommand.ReadChip(chipFile, ct);   // a bad chip is refused now, not at the wrapper's first epoch
            }
            var address = CommandIo.Address(parse, store);
            await using (await address.OpenOrCreateForWriting(ct)) { }   // reachable and ours, before the wrapper's first call
            var settings = new V2MainSettings(Absolute(address), name, chipFile);
            var dll = typeof(V2MainCommand).Assembly.Location;
            foreach (var line in V2MainInstaller.Install(Path.GetFullPath(parse.GetValue(dir)!), settings, DotnetHost(), dll))
                await io.Out.WriteLineAsync(line);
            return 0;
        }));
        return cmd;
    }

    public static Command CreateUninstall(CommandIo io)
    {
        var dir = new Argument<string>("DIR") { Description = "The wrapper's NeuroSIM folder the drop-in was installed in." };
        var cmd = new Command("uninstall-v2-main",
            "Import the wrapper's last rows (as v2-sync does), then restore the V2.0 wrapper's original NeuroSIM/main.") { dir };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var folder = Path.GetFullPath(parse.GetValue(dir)!);
            if (!V2MainInstaller.IsOurLauncher(Path.Combine(folder, V2MainInstaller.LauncherName)))
                throw new InvalidOperationException($"uninstall-v2-main: '{Path.Combine(folder, V2MainInstaller.LauncherName)}' is not NeuroSim.Replay's launcher; nothing changed");
            await io.Out.WriteLineAsync(await Sync(Path.GetDirectoryName(folder)!, ct));
            foreach (var line in V2MainInstaller.Uninstall(folder))
                await io.Out.WriteLineAsync(line);
            return 0;
        }));
        return cmd;
    }

    public static Command CreateSync(CommandIo io)
    {
        var dir = new Argument<string>("DIR") { Description = "The wrapper's working directory (Training_pytorch; default: here).", Arity = ArgumentArity.ZeroOrOne };
        var cmd = new Command("v2-sync",
            "Import the rows of the wrapper's own files (PythonWrapper_Output, weight_dist, delta_dist) the drop-in's run lacks: train.py flushes its last ones when it ends.") { dir };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            await io.Out.WriteLineAsync(await Sync(Path.GetFullPath(parse.GetValue(dir) ?? "."), ct));
            return 0;
        }));
        return cmd;
    }

    /// <summary>The wrapper's rows the drop-in's run lacks, imported; the settings are those of DIR/NeuroSIM.</summary>
    private static async Task<string> Sync(string workingDirectory, CancellationToken ct)
    {
        var settings = V2MainSettings.Resolve(Environment.GetEnvironmentVariable, Path.Combine(workingDirectory, "NeuroSIM", "NetWork.csv"));
        var wrapper = Core.Traces.V2.V2WrapperFiles.Read(workingDirectory);
        await using var store = await StoreAddress.Parse(settings.Store).OpenForWriting(ct);
        var rows = await Core.Runs.V2Importer.ImportWrapperRows(store, wrapper, settings.Run, ct);
        return $"imported {rows} row(s) of the wrapper's files in {workingDirectory} into run '{settings.Run}' of {settings.Store}";
    }

    /// <summary>A file store's path made absolute (the wrapper calls main from its own working directory).</summary>
    private static string Absolute(StoreAddress address) => address.IsFile ? "file:" + Path.GetFullPath(address.Location) : address.ToString();

    /// <summary>The dotnet host running us (else the one the SDK names, else 'dotnet' on the PATH).</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet") return p;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h) return h;
        return "dotnet";
    }
}
