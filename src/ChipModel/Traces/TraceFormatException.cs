namespace NeuroSim.Replay.ChipModel.Traces;

/// <summary>
/// A trace cannot be read: names the file (or tensor), and where known the line and column (1-based).
/// The message has the form <c>path:line:column: detail</c>.
/// </summary>
public sealed class TraceFormatException : Exception
{
    public TraceFormatException(string source, string detail, long line = 0, long column = 0, Exception? inner = null)
        : base(Format(source, line, column, detail), inner)
    {
        Source_ = source;
        Line = line;
        Column = column;
        Detail = detail;
    }

    /// <summary>The file or tensor name.</summary>
    public string Source_ { get; }
    public long Line { get; }
    public long Column { get; }
    public string Detail { get; }

    private static string Format(string source, long line, long column, string detail) =>
        line > 0 ? (column > 0 ? $"{source}:{line}:{column}: {detail}" : $"{source}:{line}: {detail}") : $"{source}: {detail}";
}
