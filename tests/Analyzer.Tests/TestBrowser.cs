using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Analyzer.Screens;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Time;

namespace NeuroSim.Replay.Analyzer.Tests;

/// <summary>
/// The browser in-process on the ANSI driver with virtual time, begun on the runs screen, for tests that drive it key by
/// key without running its main loop; ended and disposed with it.
/// </summary>
/// <remarks>
/// <c>Init</c> makes Terminal.Gui's synchronization context the calling thread's: it posts every continuation to the
/// main loop, which such a test never iterates, so the test's next <c>await</c> of anything not yet complete (a child
/// process, a server store) never resumes: a hang with no thread blocked. The thread's own context is put back. The
/// browser itself does not need it: <see cref="BrowserWindow"/> runs its queries with <c>Task.Run</c>.
/// </remarks>
internal sealed class TestBrowser : IDisposable
{
    private readonly SessionToken _token;

    public TestBrowser(StoreQueries q, int width, int height)
    {
        var context = SynchronizationContext.Current;
        App = Application.Create(new VirtualTimeProvider());
        try
        {
            App.Init(DriverRegistry.Names.ANSI);
            App.Driver!.SetScreenSize(width, height);
            Window = new BrowserWindow(App, q, new RunsScreen(q));
            _token = App.Begin(Window)!;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    public IApplication App { get; }
    public BrowserWindow Window { get; }

    /// <summary>The screen's text after a layout and draw.</summary>
    public string Screen()
    {
        App.LayoutAndDraw(true);
        return App.Driver!.ToString()!;
    }

    public void Dispose()
    {
        App.End(_token);
        Window.Dispose();
        App.Dispose();
    }
}
