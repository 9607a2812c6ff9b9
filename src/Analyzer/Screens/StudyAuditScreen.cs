using System.Globalization;
using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Audit;
using NeuroSim.Replay.Core.Studies;

namespace NeuroSim.Replay.Analyzer.Screens;

/// <summary>
/// Device audit of a study: which of the device's (and training's) parameters drive which outcome, by how much (the audit's
/// ML.NET models, as <c>./neurosim audit</c> computes them, with fewer permutations), then the runs with their parameters and
/// outcomes, and the plan's parameters.
/// </summary>
public sealed class StudyAuditScreen(StoreQueries q, string study) : Screen
{
    public const int ImportancePane = 0, RunsPane = 1, ParametersPane = 2;
    private const int Permutations = 10;

    public override string Title => $"Device audit · study {study}";

    public override string Hints => "Tab pane  Esc back  / filter  e export  r refresh  ? help  q quit";

    public override async Task Load(CancellationToken ct)
    {
        var state = await q.Study(study, ct) ?? throw new Core.Runs.RunNotFoundException($"study '{study}' not found");
        var plan = state.Plan;
        AuditTable? table = null;
        string? why = null;
        try { table = await q.AuditTable(study, ct); }
        catch (ArgumentException e) { why = e.Message; }
        var importance = new List<string[]>();
        var quality = new List<string>();
        foreach (var outcome in table?.Outcomes ?? [])
        {
            try
            {
                var (audit, _) = new OutcomeModeler(table!, outcome).Run(Permutations, top: 0);
                quality.Add(string.Create(CultureInfo.InvariantCulture, $"{outcome.Name} R² {audit.RSquared:F2}"));
                var rank = 0;
                var largest = audit.Importance.Max(i => i.Mean + i.Spread);
                foreach (var i in audit.Importance)
                    importance.Add([outcome.Name, string.Create(CultureInfo.InvariantCulture, $"{audit.RSquared:F3}"), $"{++rank}", i.Parameter,
                        i.Text, Bar(i.Mean, i.Spread, largest)]);
            }
            catch (ArgumentException e)
            {
                importance.Add([outcome.Name, "-", "-", "-", "-", e.Message]);
            }
        }
        var outcomes = table?.Outcomes ?? [];
        var runRows = table?.Rows.Select(r => (string[])[r.Run, $"{r.Point}", $"{r.Seed}",
            .. r.Parameters.Select(v => v.ToString("G4", CultureInfo.InvariantCulture)),
            .. outcomes.Select(o => r.Outcomes.TryGetValue(o.Name, out var v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "-")]).ToList() ?? [];
        Panes =
        [
            new Pane("Importance", ["OUTCOME", "R² (CV)", "RANK", "PARAMETER", "IMPORTANCE ± SPREAD", "DROP IN R² WHEN SHUFFLED"], importance),
            new Pane("Runs", ["RUN", "POINT", "SEED", .. table?.Parameters ?? [], .. outcomes.Select(o => $"{o.Name} ({o.Unit})")], runRows),
            new Pane("Parameters", ["PARAMETER", "STUDIED", "VALUES IN THE RUNS"], [.. plan.Parameters.Select((p, i) => new[]
            {
                p.Key, StudyParameters.Describe(p),
                table is null ? "-" : string.Join(", ", table.Rows.Select(r => r.Parameters[i]).Distinct().Order().Select(v => v.ToString("G4", CultureInfo.InvariantCulture))),
            })]),
        ];
        Header = $"study {study}: {plan.Model}, {plan.Epochs} epoch(s), {plan.Design} design, {plan.Points.Count} points x {plan.Seeds.Count} seeds = {plan.Runs.Count} runs, " +
            $"{state.DoneCount} done{(state.Failed.Count > 0 ? $", {state.Failed.Count} failed" : "")}; " +
            (why is not null ? why : $"{table!.Rows.Count} runs audited ({string.Join(", ", quality)}); importance: drop in R² when a parameter is shuffled ({Permutations} permutations; ./neurosim audit {study} for figures and models)");
    }

    /// <summary>The importance as a bar of up to 30 cells, scaled to the outcome's largest mean + spread (negative: none), its spread as '·' beyond it.</summary>
    private static string Bar(double mean, double spread, double largest)
    {
        if (!(largest > 0)) return "";
        var cells = (int)Math.Round(Math.Max(0, mean) / largest * 30);
        var extra = (int)Math.Round(Math.Max(0, spread) / largest * 30);
        return new string('█', cells) + new string('·', Math.Max(0, Math.Min(extra, 30 - cells)));
    }
}
