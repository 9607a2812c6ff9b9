using System.CommandLine;
using System.Globalization;
using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.IO;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Figures;

namespace NeuroSim.Replay.Analyzer.Commands;

/// <summary>
/// <c>plot runs|energy|layers|sweep …</c>: PNG figures (<see cref="Figure.Width"/> x <see cref="Figure.Height"/>) of recorded runs
/// (accuracy and loss per epoch), a replay's energy and latency per epoch by phase (stacked), its per-layer breakdown at an epoch,
/// and a run's replays as trade-offs (accuracy–energy, area–energy) with their Pareto fronts.
/// </summary>
public static class PlotCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var plot = new Command("plot", "PNG figures of runs, replays and sweeps (1200x800, titles, units, legends).");
        plot.Subcommands.Add(Runs(output, error));
        plot.Subcommands.Add(Energy(output, error));
        plot.Subcommands.Add(Layers(output, error));
        plot.Subcommands.Add(SweepFigures(output, error));
        return plot;
    }

    private static Option<string?> Store() => new("--store") { Description = StoreAddress.OptionDescription };
    private static Option<string> Out() => new("--out") { Description = "Folder for the PNG files (default: the current folder).", DefaultValueFactory = _ => "." };
    private static Option<string?> Config() => new("--config") { Description = "The replay's configuration: id (or its start) or name; default: the run's only replay, else the V2.0 default chip's." };

    private static async Task<T> WithStore<T>(ParseResult parse, Option<string?> store, Func<StoreQueries, Task<T>> action)
    {
        var address = parse.GetValue(store) is { Length: > 0 } s ? StoreAddress.Parse(s) : StoreAddress.Default;
        if (address.IsFile && !File.Exists(address.Location)) throw new FileNotFoundException($"store {address}: no such file");
        await using var opened = await address.OpenForReading();
        return await action(new StoreQueries(opened));
    }

    private static async Task<RunSummary> Run(StoreQueries q, string name, CancellationToken ct) =>
        await q.Run(name, ct) ?? throw new RunNotFoundException($"run '{name}' not found");

    private static string Write(string dir, string file, byte[] png)
    {
        AtomicFile.CreateFolder(dir);
        var path = Path.Combine(dir, file);
        AtomicFile.Write(path, s => s.Write(png));
        return path;
    }

    private static Command Runs(TextWriter output, TextWriter error)
    {
        var runs = new Argument<string[]>("RUN") { Description = "One or several recorded runs.", Arity = ArgumentArity.OneOrMore };
        var (store, outDir) = (Store(), Out());
        var cmd = new Command("runs", "Test and train accuracy, and train and test loss, per epoch of one or several runs: accuracy.png, loss.png.") { runs, store, outDir };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(error, () => WithStore(parse, store, async q =>
        {
            var summaries = new List<RunSummary>();
            foreach (var name in parse.GetValue(runs)!) summaries.Add(await Run(q, name, ct));
            if (summaries.FirstOrDefault(s => s.Evaluations.IsEmpty) is { } none) throw new ArgumentException($"run '{none.Name}' has no evaluated epoch yet");
            var label = summaries.Count == 1 ? summaries[0].Name : $"{summaries.Count} runs";
            List<Series> Lines(Func<EpochEvaluated, double> test, Func<EpochEvaluated, double> train) =>
                [.. summaries.SelectMany(s => new[]
                {
                    new Series($"{s.Name}: test", [.. s.Evaluations.Select(e => (double)e.Epoch)], [.. s.Evaluations.Select(test)]),
                    new Series($"{s.Name}: train", [.. s.Evaluations.Select(e => (double)e.Epoch)], [.. s.Evaluations.Select(train)], Dashed: true),
                })];
            var dir = parse.GetValue(outDir)!;
            var a = Write(dir, "accuracy.png", LineFigure.Render($"Accuracy per epoch: {label}", "epoch", "accuracy (%)", Lines(e => e.TestAccuracy, e => e.TrainAccuracy), integerX: true));
            var l = Write(dir, "loss.png", LineFigure.Render($"Loss per epoch: {label} (SSE, as V2.0)", "epoch", "loss (sum of squared errors per image)",
                Lines(e => e.TestLoss, e => e.TrainLoss), ScottPlot.Alignment.UpperRight, integerX: true));
            await output.WriteLineAsync($"wrote {a}, {l}");
            return 0;
        })));
        return cmd;
    }

    /// <summary>The replay the options name: --config (id prefix or name), else the run's only replay, else the V2.0 default chip's.</summary>
    private static async Task<StoredReplay> Replay(StoreQueries q, string run, string? config, CancellationToken ct)
    {
        var replays = await q.Replays(run, ct);
        if (replays.Count == 0) throw new ArgumentException($"run '{run}' has no replay; estimate it first: ./neurosim replay {run}");
        var candidates = config is null
            ? replays.Count == 1 ? replays : [.. replays.Where(r => r.Config.Hash == new ReplayConfig("default", ChipModel.Hardware.HardwareConfig.Default).Hash)]
            : [.. replays.Where(r => r.Config.Id.StartsWith(config, StringComparison.OrdinalIgnoreCase) || r.Config.Name == config)];
        return candidates.Count == 1 ? candidates[0]
            : throw new ArgumentException($"--config: {(config is null ? "the run has several replays" : $"'{config}' names {candidates.Count} replays")}; name one: " +
                string.Join(", ", replays.Select(r => $"{r.Config.Id} ({(r.Changed is { Length: > 0 } c ? c : r.Config.Name)})")));
    }

    private static readonly string[] Phases = ["forward (FW)", "activation gradient (AG)", "weight gradient (WG)", "weight update (WU)"];

    private static IReadOnlyList<StackPart> EnergyParts(IReadOnlyList<LayerEstimate> columns, IReadOnlyList<double>? leakage) =>
    [
        new(Phases[0], [.. columns.Select(c => c.EnergyFwJ)]), new(Phases[1], [.. columns.Select(c => c.EnergyAgJ)]),
        new(Phases[2], [.. columns.Select(c => c.EnergyWgJ)]), new(Phases[3], [.. columns.Select(c => c.EnergyWuJ)]),
        .. leakage is null ? Array.Empty<StackPart>() : [new StackPart("leakage", leakage)],
    ];

    private static IReadOnlyList<StackPart> LatencyParts(IReadOnlyList<LayerEstimate> columns) =>
    [
        new(Phases[0], [.. columns.Select(c => c.LatencyFwS)]), new(Phases[1], [.. columns.Select(c => c.LatencyAgS)]),
        new(Phases[2], [.. columns.Select(c => c.LatencyWgS)]), new(Phases[3], [.. columns.Select(c => c.LatencyWuS)]),
    ];

    private static Command Energy(TextWriter output, TextWriter error)
    {
        var run = new Argument<string>("RUN") { Description = "A replayed run." };
        var (store, outDir, config) = (Store(), Out(), Config());
        var cmd = new Command("energy", "A replay's energy and latency per epoch, stacked by phase (V2.0's FW, AG, WG, WU; energy also leakage): energy.png, latency.png.")
        { run, store, outDir, config };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(error, () => WithStore(parse, store, async q =>
        {
            var name = parse.GetValue(run)!;
            await Run(q, name, ct);
            var replay = await Replay(q, name, parse.GetValue(config), ct);
            var estimates = (await q.Estimates(replay, ct)).Values.ToList();
            if (estimates.Count == 0) throw new ArgumentException($"replay {replay.Config.Id} of '{name}' holds no estimate");
            var epochs = estimates.Select(e => $"{e.Epoch}").ToList();
            var totals = estimates.Select(e => e.Total ?? new LayerEstimate()).ToList();
            var chip = $"{name} on {replay.Config.Name} ({replay.Config.Id})";
            var dir = parse.GetValue(outDir)!;
            var e1 = Write(dir, "energy.png", StackedBarFigure.Render($"Energy per epoch by phase: {chip}", "epoch", epochs, "energy per epoch", "J",
                EnergyParts(totals, [.. estimates.Select(e => e.LeakageEnergyJ)])));
            var l1 = Write(dir, "latency.png", StackedBarFigure.Render($"Latency per epoch by phase: {chip}", "epoch", epochs, "latency per epoch", "s", LatencyParts(totals)));
            await output.WriteLineAsync($"wrote {e1}, {l1}");
            return 0;
        })));
        return cmd;
    }

    private static Command Layers(TextWriter output, TextWriter error)
    {
        var run = new Argument<string>("RUN") { Description = "A replayed run." };
        var epoch = new Option<int?>("--epoch") { Description = "The epoch (default: the replay's latest)." };
        var (store, outDir, config) = (Store(), Out(), Config());
        var cmd = new Command("layers", "A replay's energy and latency per layer at one epoch, stacked by phase: layers-energy.png, layers-latency.png.")
        { run, epoch, store, outDir, config };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(error, () => WithStore(parse, store, async q =>
        {
            var name = parse.GetValue(run)!;
            var summary = await Run(q, name, ct);
            var replay = await Replay(q, name, parse.GetValue(config), ct);
            var estimates = await q.Estimates(replay, ct);
            var at = parse.GetValue(epoch) ?? (estimates.Count > 0 ? estimates.Keys.Max() : throw new ArgumentException($"replay {replay.Config.Id} of '{name}' holds no estimate"));
            if (!estimates.TryGetValue(at, out var estimate))
                throw new ArgumentException($"--epoch: replay {replay.Config.Id} of '{name}' has no estimate of epoch {at} (it has {string.Join(", ", estimates.Keys)})");
            var layers = estimate.Layers.OrderBy(l => l.LayerIndex).ToList();
            // Layers are numbered from 1, as V2.0 prints them (0 is the total).
            var names = layers.Select(l => $"{l.LayerIndex}" + (l.LayerIndex >= 1 && summary.Started.Network.Count >= l.LayerIndex
                && summary.Started.Network[l.LayerIndex - 1].Name is { Length: > 0 } n ? $" ({n.TrimEnd('_')})" : "")).ToList();
            var chip = $"{name}, epoch {at}, on {replay.Config.Name} ({replay.Config.Id})";
            var dir = parse.GetValue(outDir)!;
            var e1 = Write(dir, "layers-energy.png", StackedBarFigure.Render($"Energy per layer by phase: {chip}", "layer", names, "energy per epoch", "J",
                EnergyParts(layers, [.. layers.Select(l => l.LeakageEnergyJ)])));
            var l1 = Write(dir, "layers-latency.png", StackedBarFigure.Render($"Latency per layer by phase: {chip}", "layer", names, "latency per epoch", "s", LatencyParts(layers)));
            await output.WriteLineAsync($"wrote {e1}, {l1}");
            return 0;
        })));
        return cmd;
    }

    /// <summary>Labels without the settings every point shares (named in none: they would only repeat).</summary>
    private static IReadOnlyList<ParetoPoint> Distinct(IReadOnlyList<ParetoPoint> points)
    {
        var tokens = points.Select(p => p.Label.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var shared = tokens.Skip(1).Aggregate(tokens[0].ToHashSet(), (common, t) => { common.IntersectWith(t); return common; });
        if (points.Count < 2) return points;
        return [.. points.Select((p, i) => p with { Label = string.Join(" ", tokens[i].Where(t => !shared.Contains(t))) is { Length: > 0 } l ? l : "(the shared settings)" })];
    }

    private static Command SweepFigures(TextWriter output, TextWriter error)
    {
        var run = new Argument<string>("RUN") { Description = "A run replayed under several chips (replay --sweep, --preset …; with --accuracy for the accuracy figure)." };
        var epoch = new Option<int?>("--epoch") { Description = "The epoch (default: the latest one every replay estimated)." };
        var (store, outDir) = (Store(), Out());
        var cmd = new Command("sweep", "A run's replays as trade-offs with their Pareto fronts: sweep-area-energy.png and, where accuracy replays ran, sweep-accuracy-energy.png.")
        { run, epoch, store, outDir };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(error, () => WithStore(parse, store, async q =>
        {
            var name = parse.GetValue(run)!;
            await Run(q, name, ct);
            var replays = await q.Replays(name, ct);
            if (replays.Count < 2) throw new ArgumentException($"run '{name}' has {replays.Count} replay(s); a sweep needs several chips (./neurosim replay {name} --sweep KEY=V1,V2)");
            var estimates = new List<(StoredReplay Replay, IReadOnlyDictionary<int, EpochEstimated> ByEpoch)>();
            foreach (var r in replays) estimates.Add((r, await q.Estimates(r, ct)));
            var common = estimates.Select(e => e.ByEpoch.Keys).Aggregate((a, b) => [.. a.Intersect(b)]).ToList();
            var at = parse.GetValue(epoch) ?? (common.Count > 0 ? common.Max() : throw new ArgumentException($"no epoch of '{name}' was estimated under every chip; pass --epoch"));
            var points = estimates.Where(e => e.ByEpoch.ContainsKey(at)).Select(e => (e.Replay, Estimate: e.ByEpoch[at])).ToList();
            static string Label(StoredReplay r) => r.Changed is { Length: > 0 } c ? c : r.Config.Name;
            var dir = parse.GetValue(outDir)!;
            var written = new List<string>
            {
                Write(dir, "sweep-area-energy.png", ParetoFigure.Render($"Area and energy of {points.Count} chips: {name}, epoch {at}", "energy per epoch", "J", "chip area", "mm²",
                    Distinct([.. points.Select(p => new ParetoPoint(Label(p.Replay), StoreQueries.Energy(p.Estimate), (p.Estimate.Area?.TotalM2 ?? 0) * 1e6))]), maximizeY: false)),
            };
            var accuracy = new List<ParetoPoint>();
            foreach (var p in points)
                foreach (var a in await q.Accuracy(p.Replay, at, ct))
                    accuracy.Add(new ParetoPoint(string.Join(" ", new[] { Label(p.Replay), StoreQueries.AccuracyKeys(a) }.Where(x => x.Length > 0)), StoreQueries.Energy(p.Estimate), a.MeanAccuracy));
            if (accuracy.Count > 0)
                written.Add(Write(dir, "sweep-accuracy-energy.png", ParetoFigure.Render($"Test accuracy on the chip and energy: {name}, epoch {at}", "energy per epoch", "J",
                    "test accuracy on the chip", "%", Distinct(accuracy), maximizeY: true)));
            await output.WriteLineAsync($"wrote {string.Join(", ", written)}" +
                (accuracy.Count == 0 ? $" (no accuracy replay at epoch {at}: ./neurosim replay {name} --accuracy … gives the accuracy-energy figure)" : ""));
            return 0;
        })));
        return cmd;
    }
}
