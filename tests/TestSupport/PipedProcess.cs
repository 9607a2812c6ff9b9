using System.Diagnostics;

namespace NeuroSim.Replay.TestSupport;

/// <summary>What a child process printed and how it ended.</summary>
public sealed record ProcessOutcome(int ExitCode, string Output, string Error);

/// <summary>
/// Runs a program as a child process and learns its exit from its pipes: a shell runs it and prints its exit code last,
/// and the output is read to its end. Its awaits never resume on the caller's synchronization context (a test that
/// hosts Terminal.Gui without running its main loop may hold one that never runs anything).
/// </summary>
public static class PipedProcess
{
    private const string Marker = "\nneurosim-test-exit:";

    public static async Task<ProcessOutcome> Run(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"\"$@\"; printf '{Marker.Replace("\n", "\\n")}%s\\n' $?", "sh", program, .. arguments])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        using var p = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = p.StandardOutput.ReadToEndAsync(ct);
        var error = p.StandardError.ReadToEndAsync(ct);
        string text;
        try
        {
            text = await output.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new TimeoutException($"{program} {string.Join(' ', arguments)}: no end of output after {timeout.TotalSeconds:F0} s");
        }
        var at = text.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"{program}: the shell printed no exit code: {text}");
        var code = int.Parse(text[(at + Marker.Length)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return new ProcessOutcome(code, text[..at], await error.WaitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false));
    }
}
