using System.CommandLine;
using System.Globalization;
using NeuroSim.Replay.Audit;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.IO;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Figures;

namespace NeuroSim.Replay.Analyzer.Commands;

/// <summary>
/// <c>audit [STUDY | --runs FILTER] [--target OUTCOME]… [--predict key=value…] [--out DIR]</c>: the runs x parameters x outcomes table
/// (<see cref="AuditTableBuilder"/>), an ML.NET model per outcome (<see cref="OutcomeModeler"/>) with its cross-validated quality,
/// the parameters' permutation importance and partial dependence, predictions for an untried device; CSV, model files and PNGs.
/// </summary>
public static class AuditCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var study = new Argument<string?>("STUDY") { Description = "The study to audit (./neurosim study).", Arity = ArgumentArity.ZeroOrOne };
        var runs = new Option<string?>("--runs") { Description = "Audit the completed recorded runs whose names match instead (* and ? wildcards): every setting that differs between them." };
        var target = new Option<string[]>("--target") { Description = "Outcome(s) to explain (default: all the runs have): accuracy (late-accuracy), best-accuracy, accuracy-lost, pulses, gmin, gmax, energy (wu-energy), chip-energy, chip-accuracy." };
        var predict = new Option<string[]>("--predict") { Description = "key=value of an untried device (parameters not given: their median); repeatable." };
        var outDir = new Option<string?>("--out") { Description = "Folder for the CSV files, model files and figures (default: audit-STUDY)." };
        var permutations = new Option<int>("--permutations") { Description = "Permutations per parameter for the importance (default 30).", DefaultValueFactory = _ => 30 };
        var store = new Option<string?>("--store") { Description = StoreAddress.OptionDescription };
        var cmd = new Command("audit", "Attribute accuracy and energy to device and training parameters: ML.NET models per outcome, cross-validated, permutation importance, partial dependence, predictions.")
        { study, runs, target, predict, outDir, permutations, store };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(error, async () =>
        {
            var (studyName, filter) = (parse.GetValue(study), parse.GetValue(runs));
            if ((studyName is null) == (filter is null)) throw new ArgumentException("audit: name a study, or give --runs FILTER (not both)");
            if (parse.GetValue(permutations) < 2) throw new ArgumentException("--permutations: at least 2 (the spread needs several)");
            var address = parse.GetValue(store) is { Length: > 0 } s ? StoreAddress.Parse(s) : StoreAddress.Default;
            if (address.IsFile && !File.Exists(address.Location)) throw new FileNotFoundException($"store {address}: no such file");
            AuditTable table;
            await using (var opened = await address.OpenForReading(ct))
                table = studyName is not null ? await AuditTableBuilder.ForStudy(opened, studyName, ct) : await AuditTableBuilder.ForRuns(opened, filter!, ct);
            var outcomes = parse.GetValue(target) is { Length: > 0 } t ? t.Select(AuditOutcome.Parse).Distinct().ToList() : [.. table.Outcomes];
            if (outcomes.FirstOrDefault(o => !table.Outcomes.Contains(o)) is { } missing)
                throw new ArgumentException($"--target: no run has {missing.Name} ({missing.Description}){(missing.Name.StartsWith("chip", StringComparison.Ordinal) || missing.Name == "wu-energy" ? "; replay the runs (study --replay, --accuracy)" : "")}");
            var prediction = parse.GetValue(predict) is { Length: > 0 } p ? AuditPrediction.Of(table, p) : null;
            var dir = parse.GetValue(outDir) ?? $"audit-{(studyName ?? "runs")}";
            AtomicFile.CreateFolder(dir);
            await output.WriteLineAsync($"audit of {table.Source}: {table.Rows.Count} runs; parameters {string.Join(", ", table.Parameters.Select((k, i) => Range(table, i)))}");
            foreach (var note in table.Notes) await output.WriteLineAsync($"  note: {note}");
            AtomicFile.WriteText(Path.Combine(dir, "audit-table.csv"), table.ToCsv());
            var metrics = new System.Text.StringBuilder("outcome,unit,runs,folds,r_squared,mae,rmse,fold_r_squared_mean,fold_r_squared_std,relative_spread\n");
            var importanceCsv = new System.Text.StringBuilder("outcome,rank,parameter,importance_r_squared_drop,spread_std\n");
            var dependenceCsv = new System.Text.StringBuilder("outcome,parameter,value,predicted\n");
            var predictions = new List<string>();
            foreach (var outcome in outcomes)
            {
                var modeler = new OutcomeModeler(table, outcome);
                var (audit, model) = modeler.Run(parse.GetValue(permutations));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{outcome.Name} ({outcome.Description}, {outcome.Unit}): {audit.Runs} runs, {audit.Folds}-fold cross-validation by design point: " +
                    $"R² {audit.RSquared:F3} (per fold {audit.FoldRSquaredMean:F2} ± {audit.FoldRSquaredSpread:F2}), MAE {audit.Mae:G3}, RMSE {audit.Rmse:G3}"));
                if (audit.BarelyVaries)
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  note: {outcome.Name} varies by only {100 * audit.RelativeSpread:G2} % over the runs (standard deviation / mean): the studied parameters barely move it, and R² and importance below measure noise"));
                var rank = 0;
                foreach (var i in audit.Importance)
                {
                    rank++;
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {rank}. {i.Parameter}: importance {i.Text} (drop in R² when shuffled)"));
                    importanceCsv.Append(string.Create(CultureInfo.InvariantCulture, $"{outcome.Name},{rank},{i.Parameter},{i.Mean:R},{i.Spread:R}\n"));
                }
                metrics.Append(string.Create(CultureInfo.InvariantCulture,
                    $"{outcome.Name},{outcome.Unit},{audit.Runs},{audit.Folds},{audit.RSquared:R},{audit.Mae:R},{audit.Rmse:R},{audit.FoldRSquaredMean:R},{audit.FoldRSquaredSpread:R},{audit.RelativeSpread:R}\n"));
                AtomicFile.Write(Path.Combine(dir, $"model-{outcome.Name}.zip"), st => modeler.Save(model, st));
                AtomicFile.Write(Path.Combine(dir, $"importance-{outcome.Name}.png"), st => st.Write(BarFigure.Render(
                    $"What drives {outcome.Name}: permutation importance ({table.Source}, R² {audit.RSquared:F2})", "drop in R² when the parameter is shuffled",
                    [.. audit.Importance.Select(i => new BarItem(i.Parameter, i.Mean, i.Spread))])));
                foreach (var d in audit.Dependence)
                {
                    for (var k = 0; k < d.Values.Count; k++)
                        dependenceCsv.Append(string.Create(CultureInfo.InvariantCulture, $"{outcome.Name},{d.Parameter},{d.Values[k]:R},{d.Outcome[k]:R}\n"));
                    var xs = d.LogScale ? d.Values.Select(Math.Log10).ToList() : d.Values;
                    AtomicFile.Write(Path.Combine(dir, $"dependence-{outcome.Name}-{d.Parameter}.png"), st => st.Write(LineFigure.Render(
                        $"Partial dependence of {outcome.Name} on {d.Parameter} ({table.Source})", d.LogScale ? $"log10({d.Parameter})" : d.Parameter,
                        $"{outcome.Name} ({outcome.Unit})", [new Series($"model's {outcome.Name}, averaged over the runs", xs, d.Outcome)])));
                }
                if (prediction is not null)
                {
                    var value = modeler.Predict(model, [[.. prediction.Values.Select(v => (float)v)]])[0];
                    predictions.Add(string.Create(CultureInfo.InvariantCulture, $"  {outcome.Name}: {value:G4} {outcome.Unit} ± {audit.Rmse:G3} (cross-validated RMSE)"));
                }
            }
            AtomicFile.WriteText(Path.Combine(dir, "audit-metrics.csv"), metrics.ToString());
            AtomicFile.WriteText(Path.Combine(dir, "audit-importance.csv"), importanceCsv.ToString());
            AtomicFile.WriteText(Path.Combine(dir, "audit-dependence.csv"), dependenceCsv.ToString());
            if (prediction is not null)
            {
                await output.WriteLineAsync($"prediction for {string.Join(", ", table.Parameters.Select((k, i) => string.Create(CultureInfo.InvariantCulture, $"{k} = {prediction.Values[i]:G4}")))}" +
                    (prediction.Defaulted.Count > 0 ? $" (not given: {string.Join(", ", prediction.Defaulted)})" : "") + ":");
                foreach (var w in prediction.OutsideRange) await output.WriteLineAsync($"  warning: {w}: the model extrapolates (a tree model holds its edge value)");
                foreach (var line in predictions) await output.WriteLineAsync(line);
            }
            await output.WriteLineAsync($"wrote {dir}/: audit-table.csv, audit-metrics.csv, audit-importance.csv, audit-dependence.csv, model-OUTCOME.zip, importance-OUTCOME.png, dependence-OUTCOME-PARAMETER.png");
            return 0;
        }));
        return cmd;
    }

    private static string Range(AuditTable table, int i)
    {
        var (min, max) = table.Range(i);
        return string.Create(CultureInfo.InvariantCulture, $"{table.Parameters[i]} ({min:G3}..{max:G3})");
    }
}
