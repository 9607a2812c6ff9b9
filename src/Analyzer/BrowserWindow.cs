using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Analyzer.Screens;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace NeuroSim.Replay.Analyzer;

/// <summary>
/// The browser: a header (screen summary), the screen's table and a status line with the keys. Screens stack
/// (Enter pushes, Esc pops); the current one reloads by itself when the store's head moves (a run being recorded
/// by another process shows its new epochs as they arrive).
/// </summary>
public sealed class BrowserWindow : Window
{
    private readonly IApplication _app;
    private readonly StoreQueries _queries;
    private readonly Stack<Screen> _stack = new();
    private readonly Label _header;
    private readonly TableView _table;
    private readonly Label _status;
    private readonly TextField _filter;
    private string _filterText = "";
    private long _head = -1;
    private IReadOnlyList<string[]> _shown = [];

    public BrowserWindow(IApplication app, StoreQueries queries, Screen first, TimeSpan? refreshEvery = null)
    {
        _app = app;
        _queries = queries;
        Title = "NeuroSim.Replay";
        Width = Dim.Fill();
        Height = Dim.Fill();
        _header = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 3, Text = "" };
        _table = new TableView { X = 0, Y = 3, Width = Dim.Fill(), Height = Dim.Fill(2), FullRowSelect = true };
        _filter = new TextField { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Visible = false };
        _status = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1, Text = "" };
        Add(_header, _table, _filter, _status);
        // The table sees keys first (its type-to-search would take the letters), then the window.
        _table.KeyDown += OnKeyDown;
        KeyDown += OnKeyDown;
        _filter.KeyDown += OnFilterKey;
        Push(first);
        app.AddTimeout(refreshEvery ?? TimeSpan.FromSeconds(1), () =>
        {
            RefreshIfStoreChanged();
            return true;
        });
    }

    /// <summary>The current screen (top of the stack).</summary>
    public Screen Current => _stack.Peek();

    private readonly Dictionary<Screen, int> _rowOf = [];

    private void Push(Screen s)
    {
        Load(s);
        if (_stack.Count > 0) _rowOf[Current] = SelectedRow;
        _stack.Push(s);
        _filterText = "";
        Render(null);
    }

    private static void Load(Screen s) => s.Load(CancellationToken.None).GetAwaiter().GetResult();

    private Screen? _rendered;

    private void Render(string? message)
    {
        var s = Current;
        var keep = ReferenceEquals(_rendered, s) ? SelectedRow : 0;
        _rendered = s;
        Title = $"NeuroSim.Replay — {s.Title}" + (_filterText.Length > 0 ? $"  [filter: {_filterText}]" : "");
        _header.Text = s.Header;
        _shown = _filterText.Length == 0 ? s.Rows : [.. s.Rows.Where(r => r.Any(c => c.Contains(_filterText, StringComparison.OrdinalIgnoreCase)))];
        var columns = new Dictionary<string, Func<string[], object>>();
        for (var i = 0; i < s.Columns.Count; i++)
        {
            var index = i;
            columns[s.Columns[i]] = r => index < r.Length ? r[index] : "";
        }
        _table.Table = new EnumerableTableSource<string[]>(_shown, columns);
        if (keep > 0 && keep < _shown.Count) _table.SetSelection(0, keep, false, null!);
        _status.Text = message ?? s.Hints;
        SetNeedsDraw();
    }

    /// <summary>Reloads the current screen when the store holds new events.</summary>
    public void RefreshIfStoreChanged()
    {
        var head = _queries.Head(CancellationToken.None).GetAwaiter().GetResult();
        if (head == _head) return;
        _head = head;
        Reload(null);
    }

    private void Reload(string? message, int? selectRow = null)
    {
        var row = selectRow ?? SelectedRow;
        try
        {
            Load(Current);
            Render(message);
            if (row >= 0 && row < _shown.Count) _table.SetSelection(0, row, false, null!);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _status.Text = "error: " + e.Message;
        }
    }

    private int SelectedRow => _table.Value?.SelectedCell.Y ?? 0;

    /// <summary>The row of the unfiltered table the selection is on.</summary>
    private int SourceRow => SelectedRow >= 0 && SelectedRow < _shown.Count ? Current.Rows.ToList().IndexOf(_shown[SelectedRow]) : -1;

    private void OnKeyDown(object? sender, Key key)
    {
        if (_filter.HasFocus) return;
        try
        {
            if (key == Key.Enter)
            {
                var next = Current.Open(SourceRow, CancellationToken.None).GetAwaiter().GetResult();
                if (next is not null) Push(next);
                key.Handled = true;
                return;
            }
            if (key == Key.Esc || key == Key.Backspace)
            {
                if (_filterText.Length > 0) { _filterText = ""; Render(null); }
                else if (_stack.Count > 1)
                {
                    _stack.Pop();
                    Reload(null, _rowOf.Remove(Current, out var r) ? r : 0);
                }
                key.Handled = true;
                return;
            }
            var rune = key.AsRune.Value;
            if (rune is 0 || key.IsCtrl || key.IsAlt) return;
            var c = (char)rune;
            switch (c)
            {
                case 'q':
                    _app.RequestStop();
                    key.Handled = true;
                    return;
                case '?':
                    Push(new HelpScreen());
                    key.Handled = true;
                    return;
                case 'r':
                    Reload("refreshed");
                    key.Handled = true;
                    return;
                case 'e':
                    var file = Path.GetFullPath($"neurosim-{new string([.. Current.Title.ToLowerInvariant().Select(ch => char.IsLetterOrDigit(ch) ? ch : '-')]).Trim('-')}.csv");
                    Core.IO.AtomicFile.WriteText(file, Current.ToCsv());
                    _status.Text = $"exported {Current.Rows.Count} rows to {file}";
                    key.Handled = true;
                    return;
                case '/':
                    _filter.Text = _filterText;
                    _filter.Visible = true;
                    _filter.SetFocus();
                    _status.Text = "filter: type, Enter applies, Esc clears";
                    key.Handled = true;
                    return;
            }
            var (handled, screen, status) = Current.Key(c, SourceRow, CancellationToken.None).GetAwaiter().GetResult();
            if (!handled) return;
            if (screen is not null) Push(screen);
            else Render(status);
            key.Handled = true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _status.Text = "error: " + e.Message;
            key.Handled = true;
        }
    }

    private void OnFilterKey(object? sender, Key key)
    {
        if (key == Key.Enter || key == Key.Esc)
        {
            _filterText = key == Key.Enter ? _filter.Text ?? "" : "";
            _filter.Visible = false;
            _table.SetFocus();
            Render(null);
            key.Handled = true;
        }
    }
}
