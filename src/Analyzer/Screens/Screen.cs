namespace NeuroSim.Replay.Analyzer.Screens;

/// <summary>
/// One screen of the browser: a titled table built from the store's read models, what Enter opens from a row, and
/// its key hints. Screens hold no UI objects, so they are tested without a terminal.
/// </summary>
public abstract class Screen
{
    public abstract string Title { get; }
    public IReadOnlyList<string> Columns { get; protected set; } = [];
    public IReadOnlyList<string[]> Rows { get; protected set; } = [];
    /// <summary>Text shown above the table (summaries, charts).</summary>
    public string Header { get; protected set; } = "";
    public virtual string Hints => "Enter open  Esc back  / filter  e export  r refresh  ? help  q quit";

    /// <summary>Reads the screen's data (again).</summary>
    public abstract Task Load(CancellationToken ct);

    /// <summary>The screen Enter opens from a row, or null.</summary>
    public virtual Task<Screen?> Open(int row, CancellationToken ct) => Task.FromResult<Screen?>(null);

    /// <summary>A key of the screen's own (besides the browser's); returns a screen to open, or null.</summary>
    public virtual Task<(bool Handled, Screen? Next, string? Status)> Key(char key, int row, CancellationToken ct) =>
        Task.FromResult<(bool, Screen?, string?)>((false, null, null));

    /// <summary>The table as CSV (the 'e' key).</summary>
    public string ToCsv() =>
        string.Join("\n", new[] { string.Join(",", Columns.Select(Quote)) }.Concat(Rows.Select(r => string.Join(",", r.Select(Quote))))) + "\n";

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
