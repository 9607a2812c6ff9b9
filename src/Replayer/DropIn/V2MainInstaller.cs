using System.Text;
using NeuroSim.Replay.Core.IO;

namespace NeuroSim.Replay.Replayer.DropIn;

/// <summary>
/// Puts the drop-in in place of the wrapper's <c>NeuroSIM/main</c> and takes it away again: the original program (if there is
/// one) is kept as <see cref="OriginalName"/>, a small shell launcher named <c>main</c> runs <c>v2-main</c> with the settings
/// file beside it. Uninstalling restores the original and removes what installing added; a <c>main</c> that is not our
/// launcher is never overwritten or removed.
/// </summary>
public static class V2MainInstaller
{
    public const string LauncherName = "main";
    public const string OriginalName = "main.v2-original";
    private const string Marker = "# NeuroSim.Replay drop-in for NeuroSIM/main";

    public static bool IsOurLauncher(string path) =>
        File.Exists(path) && new FileInfo(path).Length < 4096 && File.ReadAllText(path).Contains(Marker, StringComparison.Ordinal);

    /// <summary>Installs (or reinstalls, with new settings) into <paramref name="directory"/>; returns what it did, for the console.</summary>
    public static IReadOnlyList<string> Install(string directory, V2MainSettings settings, string dotnet, string replayerDll)
    {
        if (!Directory.Exists(directory)) throw new ArgumentException($"install-v2-main: folder '{directory}' not found (the wrapper's NeuroSIM folder)");
        var launcher = Path.Combine(directory, LauncherName);
        var original = Path.Combine(directory, OriginalName);
        var done = new List<string>();
        if (File.Exists(launcher) && !IsOurLauncher(launcher))
        {
            if (File.Exists(original))
                throw new InvalidOperationException($"install-v2-main: both '{launcher}' and '{original}' exist and neither is ours; move one away first");
            File.Move(launcher, original);
            done.Add($"kept the original main as {original}");
        }
        AtomicFile.WriteText(Path.Combine(directory, V2MainSettings.FileName), settings.ToToml());
        done.Add($"wrote {Path.Combine(directory, V2MainSettings.FileName)} (run '{settings.Run}', store {settings.Store}, chip {settings.ChipFile ?? "V2.0 defaults"})");
        AtomicFile.WriteText(launcher, Launcher(dotnet, replayerDll));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        done.Add($"installed the launcher as {launcher}");
        return done;
    }

    /// <summary>Restores the original main (or removes the launcher when there was none) and removes the settings file.</summary>
    public static IReadOnlyList<string> Uninstall(string directory)
    {
        var launcher = Path.Combine(directory, LauncherName);
        var original = Path.Combine(directory, OriginalName);
        if (!IsOurLauncher(launcher))
            throw new InvalidOperationException($"uninstall-v2-main: '{launcher}' is not NeuroSim.Replay's launcher; nothing changed");
        var done = new List<string>();
        if (File.Exists(original))
        {
            File.Move(original, launcher, overwrite: true);
            done.Add($"restored the original main at {launcher}");
        }
        else
        {
            File.Delete(launcher);
            done.Add($"removed the launcher {launcher} (there was no original main)");
        }
        var settings = Path.Combine(directory, V2MainSettings.FileName);
        if (File.Exists(settings))
        {
            File.Delete(settings);
            done.Add($"removed {settings}");
        }
        return done;
    }

    private static string Launcher(string dotnet, string replayerDll)
    {
        static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
        var sb = new StringBuilder();
        sb.Append("#!/bin/sh\n");
        sb.Append(Marker).Append(" (./neurosim install-v2-main; ./neurosim uninstall-v2-main restores the original).\n");
        sb.Append("# Each call imports the epoch into the run of neurosim-v2-main.toml beside it, estimates it and writes main's outputs.\n");
        sb.Append("NEUROSIM_V2_MAIN_CONFIG=\"$(dirname \"$0\")/").Append(V2MainSettings.FileName).Append("\"\n");
        sb.Append("export NEUROSIM_V2_MAIN_CONFIG\n");
        sb.Append("exec ").Append(Quote(dotnet)).Append(' ').Append(Quote(replayerDll)).Append(" v2-main \"$@\"\n");
        return sb.ToString();
    }
}
