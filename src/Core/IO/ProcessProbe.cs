using System.Diagnostics;
using System.Globalization;

namespace NeuroSim.Replay.Core.IO;

/// <summary>Looks up processes of this host, so a reader can tell whether a run's recorder still runs.</summary>
public interface IProcessProbe
{
    /// <summary>This host's name, as recorded in a run's owner (the machine name).</summary>
    string HostName { get; }

    /// <summary>When process <paramref name="pid"/> of this host started, or null when no such process runs.</summary>
    DateTimeOffset? StartTime(int pid);
}

/// <summary>The real processes of this machine.</summary>
public sealed class SystemProcessProbe : IProcessProbe
{
    public string HostName => Environment.MachineName;

    public DateTimeOffset? StartTime(int pid)
    {
        if (pid <= 0 || IsZombie(pid)) return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (ArgumentException) { return null; }            // no such process
        catch (InvalidOperationException) { return null; }    // it exited meanwhile
    }

    /// <summary>Linux: a killed process nobody has reaped yet still has a pid; its state in /proc/PID/stat is Z (or X).</summary>
    private static bool IsZombie(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"); }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
        var close = stat.LastIndexOf(')');
        return close >= 0 && close + 2 < stat.Length && stat[close + 2] is 'Z' or 'X';
    }
}
