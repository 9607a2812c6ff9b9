using System.Diagnostics;

namespace NeuroSim.Replay.Recorder.Study;

/// <summary>
/// A <c>record</c> in a process of its own (this very recorder, started again through the dotnet host): a study's runs train side by
/// side without sharing torch's threads or state, each is an ordinary recorded run, and a study stopped at any moment leaves them as
/// any stopped recorder does (resumable).
/// </summary>
public static class RecorderProcess
{
    /// <summary>Runs <c>record ARGS</c> to its end; cancellation kills the process (its run is then resumable). Returns the exit code and the last lines of stderr.</summary>
    public static async Task<(int Code, string Error)> Run(IReadOnlyList<string> args, CancellationToken ct)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h
            : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(RecorderCli).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        var tail = new Queue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (tail)
            {
                tail.Enqueue(e.Data);
                if (tail.Count > 5) tail.Dequeue();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        lock (tail) return (process.ExitCode, string.Join(" | ", tail.Where(l => l.Trim().Length > 0)));
    }
}
