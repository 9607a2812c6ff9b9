using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.Core.Traces.V2;

namespace NeuroSim.Replay.Replayer.Fuzz;

/// <summary>How one fuzzed configuration ended.</summary>
public enum FuzzOutcome
{
    /// <summary>Estimated; every number finite and non-negative.</summary>
    Finite,
    /// <summary>Refused before any work with errors that each name a configuration key.</summary>
    Refused,
    /// <summary>Did not finish within the per-run time limit.</summary>
    Hang,
    /// <summary>Failed with anything but a named configuration error (a bug).</summary>
    Crash,
    /// <summary>Estimated, but some number is NaN, infinite or negative.</summary>
    NonFinite,
}

/// <summary>One fuzzed configuration: its params.txt text (reproduce with <c>estimate-v2 DIR --params FILE</c>), outcome and detail.</summary>
public sealed record FuzzRun(int Index, string Params, FuzzOutcome Outcome, string Detail, TimeSpan Elapsed);

/// <summary>The counts of a campaign.</summary>
public sealed record FuzzSummary(ImmutableArray<FuzzRun> Runs, TimeSpan Elapsed)
{
    public int Count(FuzzOutcome o) => Runs.Count(r => r.Outcome == o);
    public bool Clean => Count(FuzzOutcome.Hang) + Count(FuzzOutcome.Crash) + Count(FuzzOutcome.NonFinite) == 0;
    public IEnumerable<FuzzRun> Failures => Runs.Where(r => r.Outcome is FuzzOutcome.Hang or FuzzOutcome.Crash or FuzzOutcome.NonFinite);
}

/// <summary>
/// Seeded random configurations over every key (values inside the key's range, at its edges, and outside it, mixed),
/// each run through the same path as <c>estimate-v2 --params</c>: parse, validate, design, estimate.
/// </summary>
/// <remarks>
/// Each estimate runs in this process on its own thread under a watchdog: no process start or JIT per run, so a
/// 300-run campaign fits a test. A run that overstays the time limit is reported as a hang and abandoned (its
/// token is cancelled; the estimate checks it between layers, and the design's loops are bounded). Failures that no
/// watchdog can catch in-process — a stack overflow — take the whole campaign down with a non-zero exit, so they
/// cannot pass unnoticed either; the parsers bound their recursion so that configuration text cannot cause one.
/// </remarks>
public static class ConfigFuzz
{
    /// <summary>Settings that make the built-in tiny trace estimable, applied before the fuzzed ones.</summary>
    public static readonly ImmutableArray<(string Key, string Value)> TinyBase =
        [("numRowSubArray", "8"), ("numColSubArray", "8"), ("relaxArrayCellWidth", "1"), ("relaxArrayCellHeight", "1")];

    private static readonly string[] Absurd = ["1e300", "-1e300", "1e-300", "-1", "0", "1e400", "2147483648", "1/0", "-0.5",
        new string('(', 200) + "1" + new string(')', 200), "nan", "true"];

    /// <summary>The params.txt text of configuration <paramref name="index"/> of campaign <paramref name="seed"/>.</summary>
    public static string Draw(int seed, int index, IReadOnlyList<(string Key, string Value)> baseSettings)
    {
        var rng = new Random(unchecked(seed * 1_000_003 + index));   // seeded Random is stable across runs and machines
        var sb = new StringBuilder();
        foreach (var (k, v) in baseSettings) sb.Append(CultureInfo.InvariantCulture, $"{k}={v}\n");
        var count = rng.Next(1, 11);
        for (var i = 0; i < count; i++)
        {
            var key = ConfigKeys.All[rng.Next(ConfigKeys.All.Length)];
            sb.Append(CultureInfo.InvariantCulture, $"{key.Name}={Value(key, rng)}\n");
        }
        return sb.ToString();
    }

    /// <summary>Design modes each edge value is tried under (the paths that use different circuits).</summary>
    private static readonly string[][] Modes =
    [
        [],
        ["globalBufferType=true", "tileBufferType=true", "peBufferType=true"],
        ["operationmode=1", "parallelBP=false"],
        ["memcelltype=1"],
        ["memcelltype=3", "operationmode=1"],
        ["accesstype=4", "nonlinearIV=true", "trainingEstimation=false"],
        ["pipeline=true", "reLu=false", "chipActivation=false"],
        ["novelMapping=false", "trainingEstimation=false"],
    ];

    /// <summary>
    /// Deterministic edge cases: every key alone at its smallest and largest value (every choice of an enumeration),
    /// under each design mode, on top of <paramref name="baseSettings"/>.
    /// </summary>
    public static IReadOnlyList<string> Edges(IReadOnlyList<(string Key, string Value)> baseSettings)
    {
        var basis = string.Concat(baseSettings.Select(kv => $"{kv.Key}={kv.Value}\n"));
        var list = new List<string>();
        foreach (var mode in Modes)
            foreach (var key in ConfigKeys.All)
            {
                var integer = key.ValueType != typeof(double);
                var values = key.Choices.Length > 0 ? [.. key.Choices] : new[] { key.Min, key.Max };
                foreach (var v in values)
                    list.Add(basis + string.Concat(mode.Select(m => m + "\n")) + $"{key.Name}={Show(v, integer)}\n");
            }
        return list;
    }

    private static string Value(ConfigKey key, Random rng)
    {
        var integer = key.ValueType != typeof(double);
        var r = rng.NextDouble();
        if (r < 0.15) return Absurd[rng.Next(Absurd.Length)];
        if (r < 0.25)
        {
            // Just outside the range (or the next value beside an enumeration).
            var step = integer ? 1 : Math.Max(Math.Abs(key.Max) * 1e-3, 1e-12);
            return Show(rng.Next(2) == 0 ? key.Min - step : key.Max + (integer ? 1 : Math.Abs(key.Max) + step), integer);
        }
        if (r < 0.45)
            return Show(key.Choices.Length > 0 ? key.Choices[rng.Next(key.Choices.Length)] : rng.Next(2) == 0 ? key.Min : key.Max, integer);
        if (key.Choices.Length > 0) return Show(key.Choices[rng.Next(key.Choices.Length)], integer);
        if (key.Name is "numRowSubArray" or "numColSubArray" or "numRowSubArrayWG" or "numColSubArrayWG" or "levelOutput" or "levelOutputAG" or "levelOutputWG")
            return Show(Math.Clamp(Math.Pow(2, rng.Next(1, 11)), key.Min, key.Max), true);   // the sizes a trace can hold are small powers of two
        double v;
        if (key.Min > 0 && key.Max / key.Min > 100)
            v = Math.Exp(Math.Log(key.Min) + rng.NextDouble() * (Math.Log(key.Max) - Math.Log(key.Min)));   // log-uniform
        else
            v = key.Min + rng.NextDouble() * (key.Max - key.Min);
        if (integer) v = Math.Clamp(Math.Round(v), key.Min, key.Max);
        return Show(v, integer);
    }

    private static string Show(double v, bool integer) =>
        integer && Math.Abs(v) < 1e15 ? ((long)v).ToString(CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses, validates, designs and estimates one configuration under a watchdog.</summary>
    public static async Task<FuzzRun> RunOne(int index, string paramsText, V2TraceFolder folder, EpochTrace trace, TimeSpan limit, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var source = $"fuzz-{index}.txt";
        var work = Task.Factory.StartNew(() =>
        {
            // The path of estimate-v2 --params: parse (key rules, with file and line), every rule, then the design and the estimate.
            var config = HardwareConfigValidator.Check(HardwareConfigParser.ApplyText(HardwareConfig.Default, paramsText, source));
            return new ChipDesign(folder.Network, config, trace.WeightBits, trace.ActivationBits).Estimate(trace, cts.Token);
        }, cts.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            var estimate = await work.WaitAsync(limit, ct).ConfigureAwait(false);
            var problems = FigureCheck.Problems(estimate.Figures);
            return problems.Count == 0
                ? new FuzzRun(index, paramsText, FuzzOutcome.Finite, "", sw.Elapsed)
                : new FuzzRun(index, paramsText, FuzzOutcome.NonFinite, string.Join("; ", problems.Take(5)), sw.Elapsed);
        }
        catch (TimeoutException)
        {
            await cts.CancelAsync().ConfigureAwait(false);
            return new FuzzRun(index, paramsText, FuzzOutcome.Hang, $"no result within {limit.TotalSeconds:0.#} s", sw.Elapsed);
        }
        catch (ConfigException ex) when (ex.Errors.All(e => ConfigKeys.TryGet(e.Key, out _)))
        {
            return new FuzzRun(index, paramsText, FuzzOutcome.Refused, ex.Errors[0].ToString(), sw.Elapsed);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return new FuzzRun(index, paramsText, FuzzOutcome.Crash, $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}", sw.Elapsed);
        }
    }

    /// <summary>
    /// Runs configurations 0 … count-1 of campaign <paramref name="seed"/> (then, with <paramref name="edges"/>, every
    /// <see cref="Edges"/> case), <paramref name="parallel"/> at a time.
    /// </summary>
    public static async Task<FuzzSummary> Run(string traceDir, IReadOnlyList<(string Key, string Value)> baseSettings, int seed, int count,
        TimeSpan limit, int parallel, CancellationToken ct, bool edges = false)
    {
        var sw = Stopwatch.StartNew();
        var folder = V2TraceFolder.Read(traceDir, cancellationToken: ct);
        var trace = folder.ToEpochTrace();
        IReadOnlyList<string> texts = [.. Enumerable.Range(0, count).Select(i => Draw(seed, i, baseSettings)), .. edges ? Edges(baseSettings) : []];
        var runs = new FuzzRun[texts.Count];
        await Parallel.ForAsync(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (i, token) =>
            runs[i] = await RunOne(i, texts[i], folder, trace, limit, token).ConfigureAwait(false)).ConfigureAwait(false);
        return new FuzzSummary([.. runs], sw.Elapsed);
    }
}
