using System.CommandLine;
using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Analyzer.Screens;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Store;
using Terminal.Gui.App;

namespace NeuroSim.Replay.Analyzer;

/// <summary>
/// The Analyzer's command line: <c>browse [--store ADDRESS]</c> opens the store read-only (clear errors for a missing or corrupt
/// store) and runs the browser; <c>fit-device</c>, <c>plot</c> and <c>audit</c> write figures, device files and audit results.
/// </summary>
public static class AnalyzerCli
{
    /// <summary>The commands that write files rather than open the browser.</summary>
    public static readonly IReadOnlyList<string> FileCommands = ["fit-device", "plot", "audit"];

    public static Task<int> Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, CancellationToken.None);

    public static async Task<int> Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Length > 0 && FileCommands.Contains(args[0]))
        {
            var root = new RootCommand("NeuroSim.Replay analyzer: device fits, figures and device audits.");
            root.Subcommands.Add(Commands.FitDeviceCommand.Create(output, error));
            root.Subcommands.Add(Commands.PlotCommand.Create(output, error));
            root.Subcommands.Add(Commands.AuditCommand.Create(output, error));
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        }
        string? storeArg = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "browse": break;
                case "bench-browse":
                    await Bench.BrowseBench.Run(runs: 20, epochs: 256, layers: 8, replays: 50, output, CancellationToken.None);
                    return 0;
                case "--store" when i + 1 < args.Length: storeArg = args[++i]; break;
                case "-h" or "--help":
                    await output.WriteLineAsync("usage: ./neurosim browse [--store file:PATH|postgres://USER@HOST:PORT/DATABASE]\n" +
                        "Terminal UI over runs, epochs, replays and device effects. Keys: arrows, Enter, Esc, / filter, e export, c compare, ? help, q quit.");
                    return 0;
                default:
                    await error.WriteLineAsync($"error: unknown argument '{args[i]}' (usage: ./neurosim browse [--store file:PATH|postgres://USER@HOST:PORT/DATABASE])");
                    return (int)ExitCode.InvalidInput;
            }
        }
        return await CommandErrors.Guard(error, async () =>
        {
            var address = storeArg is { Length: > 0 } ? StoreAddress.Parse(storeArg) : StoreAddress.Default;
            if (address.IsFile && !File.Exists(address.Location))
                throw new FileNotFoundException($"store {address}: no such file; record a run first (./neurosim demo or ./neurosim record) or pass --store file:PATH");
            await using var store = await address.OpenForReading();
            var queries = new StoreQueries(store);
            var first = new RunsScreen(queries);
            await first.Load(CancellationToken.None);   // a corrupt store fails here, before the screen opens
            using IApplication app = Application.Create();
            app.Init();
            using var window = new BrowserWindow(app, queries, first);
            app.Run(window);
            return 0;
        });
    }
}
