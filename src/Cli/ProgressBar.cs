namespace NeuroSim.Replay.Cli;

/// <summary>
/// A one-line progress bar redrawn in place (carriage return) at most five times a second, and always at the end:
/// <c>PREFIX [#####.....] SUFFIX</c>. The training and replay progress reports both draw through it.
/// </summary>
public sealed class ProgressBar(TextWriter writer, int width = 24)
{
    private DateTime _last = DateTime.MinValue;

    public void Draw(double done, double total, string prefix, string suffix)
    {
        var now = DateTime.UtcNow;
        if (now - _last < TimeSpan.FromMilliseconds(200) && done < total) return;
        _last = now;
        var filled = total <= 0 ? width : (int)Math.Round(width * Math.Clamp(done / total, 0, 1));
        writer.Write($"\r{prefix}{(prefix.Length > 0 ? " " : "")}[{new string('#', filled)}{new string('.', width - filled)}] {suffix}  ");
    }

    /// <summary>Ends the bar's line so the next output starts on its own line.</summary>
    public void Finish() => writer.WriteLine();
}
