using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Analyzer.Screens;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace NeuroSim.Replay.Analyzer;

/// <summary>
/// The browser: a header (screen summary), a bar naming the screen's panes (tables; Tab and Shift+Tab or a click
/// switch), the current pane's table and a status line with the keys. Screens stack (Enter or a double click pushes,
/// Esc pops); the current one reloads by itself when the store's head moves (a run being recorded by another process
/// shows its new epochs as they arrive).
/// </summary>
public sealed class BrowserWindow : Window
{
    private readonly IApplication _app;
    private readonly StoreQueries _queries;
    private readonly Stack<Screen> _stack = new();
    private readonly Label _header;
    private readonly Label _paneBar;
    private readonly TableView _table;
    private readonly Label _status;
    private readonly TextField _filter;
    private string _filterText = "";
    private long _head = -1;
    private IReadOnlyList<string[]> _shown = [];
    private int _pane;
    private readonly List<(int From, int To)> _paneTabs = [];   // x ranges of the pane names in the bar
    private static readonly Scheme Highlighted = new(new Terminal.Gui.Drawing.Attribute(new Color(ColorName16.BrightYellow), new Color(ColorName16.Blue)));

    public BrowserWindow(IApplication app, StoreQueries queries, Screen first, TimeSpan? refreshEvery = null)
    {
        _app = app;
        _queries = queries;
        Title = "NeuroSim.Replay";
        Width = Dim.Fill();
        Height = Dim.Fill();
        _header = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 4, Text = "" };
        _paneBar = new Label { X = 0, Y = Pos.Bottom(_header), Width = Dim.Fill(), Height = 1, Text = "" };
        _table = new TableView { X = 0, Y = Pos.Bottom(_paneBar), Width = Dim.Fill(), Height = Dim.Fill(2), FullRowSelect = true };
        _filter = new TextField { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Visible = false };
        _status = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1, Text = "" };
        Add(_header, _paneBar, _table, _filter, _status);
        _paneBar.MouseEvent += OnPaneBarMouse;
        // A double click on a row opens it, as Enter does.
        _table.Accepting += (_, e) =>
        {
            OpenSelected();
            e.Handled = true;
        };
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

    // Where each screen below the current one was left (row and pane), to return there on Esc.
    private readonly Dictionary<Screen, (int Row, int Pane)> _leftAt = [];

    private void Push(Screen s)
    {
        Load(s);
        if (_stack.Count > 0)
        {
            _leftAt[Current] = (SelectedRow, _pane);
        }
        _stack.Push(s);
        _filterText = "";
        _pane = 0;
        Render(null);
    }

    /// <summary>The pane shown (index into the current screen's panes).</summary>
    public int PaneIndex => _pane;

    private void SwitchPane(int pane)
    {
        var count = Current.Panes.Count;
        if (count < 2) return;
        _pane = ((pane % count) + count) % count;
        _filterText = "";
        _rendered = null;   // a new table: start at its first row
        Render(null);
    }

    private void OnPaneBarMouse(object? sender, Mouse m)
    {
        if (!m.IsSingleDoubleOrTripleClicked || m.Position is not { } at) return;
        for (var i = 0; i < _paneTabs.Count; i++)
        {
            if (at.X < _paneTabs[i].From || at.X >= _paneTabs[i].To) continue;
            SwitchPane(i);
            m.Handled = true;
            return;
        }
    }

    private void OpenSelected()
    {
        try
        {
            var next = Wait(() => Current.Open(_pane, SourceRow, CancellationToken.None));
            if (next is not null) Push(next);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _status.Text = "error: " + e.Message;
        }
    }

    private static void Load(Screen s) => Wait(async () => { await s.Load(CancellationToken.None); return 0; });

    /// <summary>
    /// Runs a screen's query to its end on the UI thread's behalf, off the UI's synchronization context: a server store's
    /// queries really complete asynchronously, and a continuation posted back to the blocked UI thread would never run.
    /// </summary>
    private static T Wait<T>(Func<Task<T>> query) => Task.Run(query).GetAwaiter().GetResult();

    private Screen? _rendered;

    private void Render(string? message)
    {
        var s = Current;
        var keep = ReferenceEquals(_rendered, s) ? SelectedRow : 0;
        _rendered = s;
        if (_pane >= s.Panes.Count) _pane = 0;
        var pane = s.Panes[_pane];
        Title = $"NeuroSim.Replay — {s.Title}" + (_filterText.Length > 0 ? $"  [filter: {_filterText}]" : "");
        _header.Text = s.Header;
        // Three lines, or more when a screen has more to say (a run's sweep on the worker fleet).
        _header.Height = Math.Max(3, s.Header.TrimEnd('\n').Split('\n').Length);
        RenderPaneBar(s);
        _shown = _filterText.Length == 0 ? pane.Rows : [.. pane.Rows.Where(r => r.Any(c => c.Contains(_filterText, StringComparison.OrdinalIgnoreCase)))];
        var columns = new Dictionary<string, Func<string[], object>>();
        for (var i = 0; i < pane.Columns.Count; i++)
        {
            var index = i;
            columns[pane.Columns[i]] = r => index < r.Length ? r[index] : "";
        }
        _table.Table = new EnumerableTableSource<string[]>(_shown, columns);
        _table.Style.ColumnStyles.Clear();
        foreach (var c in pane.Highlight ?? new HashSet<int>())
            _table.Style.GetOrCreateColumnStyle(c).ColorGetter = a => a.CellValue is string v && v.Length > 0 ? Highlighted : null;
        if (keep > 0 && keep < _shown.Count) _table.SetSelection(0, keep, false, null!);
        _status.Text = message ?? s.Hints;
        SetNeedsDraw();
    }

    /// <summary>"[Epochs]  Replays  (Tab)": the pane shown in brackets; remembers where each name sits for clicks.</summary>
    private void RenderPaneBar(Screen s)
    {
        _paneTabs.Clear();
        if (s.Panes.Count < 2)
        {
            _paneBar.Text = "";
            return;
        }
        var bar = new System.Text.StringBuilder();
        for (var i = 0; i < s.Panes.Count; i++)
        {
            var from = bar.Length;
            bar.Append(i == _pane ? $"[{s.Panes[i].Name}]" : $" {s.Panes[i].Name} ");
            _paneTabs.Add((from, bar.Length));
            bar.Append(' ');
        }
        bar.Append(" Tab/Shift+Tab or click to switch");
        _paneBar.Text = bar.ToString();
    }

    /// <summary>Reloads the current screen when the store holds new events.</summary>
    public void RefreshIfStoreChanged()
    {
        var head = Wait(() => _queries.Head(CancellationToken.None));
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

    /// <summary>The row of the unfiltered pane the selection is on.</summary>
    private int SourceRow => SelectedRow >= 0 && SelectedRow < _shown.Count && _pane < Current.Panes.Count
        ? Current.Panes[_pane].Rows.ToList().IndexOf(_shown[SelectedRow]) : -1;

    private void OnKeyDown(object? sender, Key key)
    {
        if (_filter.HasFocus) return;
        try
        {
            if (key == Key.Enter)
            {
                OpenSelected();
                key.Handled = true;
                return;
            }
            if (key == Key.Tab || key == Key.Tab.WithShift)
            {
                SwitchPane(_pane + (key == Key.Tab ? 1 : -1));
                key.Handled = true;
                return;
            }
            if (key == Key.Esc || key == Key.Backspace)
            {
                if (_filterText.Length > 0) { _filterText = ""; Render(null); }
                else if (_stack.Count > 1)
                {
                    _stack.Pop();
                    var (row, pane) = _leftAt.Remove(Current, out var at) ? at : (0, 0);
                    _pane = pane;
                    Reload(null, row);
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
                    var name = Current.Panes.Count > 1 ? $"{Current.Title} {Current.Panes[_pane].Name}" : Current.Title;
                    var file = Path.GetFullPath($"neurosim-{new string([.. name.ToLowerInvariant().Select(ch => char.IsLetterOrDigit(ch) ? ch : '-')]).Trim('-')}.csv");
                    Core.IO.AtomicFile.WriteText(file, Current.ToCsv(_pane));
                    _status.Text = $"exported {Current.Panes[_pane].Rows.Count} rows to {file}";
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
            var (handled, screen, status) = Wait(() => Current.Key(c, _pane, SourceRow, CancellationToken.None));
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
