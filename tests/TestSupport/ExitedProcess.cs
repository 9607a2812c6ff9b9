using System.Diagnostics;

namespace NeuroSim.Replay.TestSupport;

/// <summary>The id of a process that has run and exited (and been reaped): a pid nobody owns, as a killed writer leaves behind.</summary>
public static class ExitedProcess
{
    public static int Id()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false }) ?? throw new InvalidOperationException("could not start 'true'");
        p.WaitForExit();
        return p.Id;
    }
}
