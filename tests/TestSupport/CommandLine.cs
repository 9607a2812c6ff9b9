namespace NeuroSim.Replay.TestSupport;

/// <summary>Runs a command-line entry point in-process as a user types it, capturing exit code, stdout and stderr.</summary>
public static class CommandLine
{
    public static async Task<(int Code, string Out, string Err)> Run(
        Func<string[], TextWriter, TextWriter, CancellationToken, Task<int>> entry, string[] args, CancellationToken ct)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = await entry(args, o, e, ct);
        return (code, o.ToString(), e.ToString());
    }
}
