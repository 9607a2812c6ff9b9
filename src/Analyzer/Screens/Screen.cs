namespace NeuroSim.Replay.Analyzer.Screens;

/// <summary>One table of a screen: its name (shown in the pane bar), columns and rows.</summary>
/// <param name="Highlight">Columns whose non-empty cells stand out (e.g. the keys a configuration changes).</param>
public sealed record Pane(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string[]> Rows, IReadOnlySet<int>? Highlight = null);

/// <summary>
/// One screen of the browser: titled tables (panes, Tab moves between them) built from the store's read models, what
/// Enter opens from a row, and its key hints. Screens hold no UI objects, so they are tested without a terminal.
/// A screen with one table sets <see cref="Columns"/> and <see cref="Rows"/>; one with more sets <see cref="Panes"/>.
/// </summary>
public abstract class Screen
{
    private IReadOnlyList<Pane>? _panes;

    public abstract string Title { get; }
    /// <summary>The first (or only) pane's columns.</summary>
    public IReadOnlyList<string> Columns { get; protected set; } = [];
    /// <summary>The first (or only) pane's rows.</summary>
    public IReadOnlyList<string[]> Rows { get; protected set; } = [];
    /// <summary>Every table of the screen; a one-table screen has the one built from <see cref="Columns"/> and <see cref="Rows"/>.</summary>
    public IReadOnlyList<Pane> Panes
    {
        get => _panes ?? [new Pane(Title, Columns, Rows)];
        protected set
        {
            _panes = value;
            (Columns, Rows) = value.Count > 0 ? (value[0].Columns, value[0].Rows) : ([], []);
        }
    }
    /// <summary>Text shown above the table (summaries, charts).</summary>
    public string Header { get; protected set; } = "";
    public virtual string Hints => "Enter open  Esc back  / filter  e export  r refresh  ? help  q quit";

    /// <summary>Reads the screen's data (again).</summary>
    public abstract Task Load(CancellationToken ct);

    /// <summary>The screen Enter opens from a row of the first pane, or null.</summary>
    public virtual Task<Screen?> Open(int row, CancellationToken ct) => Task.FromResult<Screen?>(null);

    /// <summary>The screen Enter opens from a row of a pane, or null.</summary>
    public virtual Task<Screen?> Open(int pane, int row, CancellationToken ct) => pane == 0 ? Open(row, ct) : Task.FromResult<Screen?>(null);

    /// <summary>A key of the screen's own (besides the browser's) on a row of the first pane; returns a screen to open, or null.</summary>
    public virtual Task<(bool Handled, Screen? Next, string? Status)> Key(char key, int row, CancellationToken ct) =>
        Task.FromResult<(bool, Screen?, string?)>((false, null, null));

    /// <summary>A key of the screen's own on a row of a pane.</summary>
    public virtual Task<(bool Handled, Screen? Next, string? Status)> Key(char key, int pane, int row, CancellationToken ct) =>
        pane == 0 ? Key(key, row, ct) : Task.FromResult<(bool, Screen?, string?)>((false, null, null));

    /// <summary>A pane's table as CSV (the 'e' key).</summary>
    public string ToCsv(int pane = 0)
    {
        var p = Panes[pane];
        return string.Join("\n", new[] { string.Join(",", p.Columns.Select(Quote)) }.Concat(p.Rows.Select(r => string.Join(",", r.Select(Quote))))) + "\n";
    }

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
