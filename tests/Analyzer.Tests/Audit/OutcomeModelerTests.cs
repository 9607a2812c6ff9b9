using NeuroSim.Replay.Audit;

namespace NeuroSim.Replay.Analyzer.Tests.Audit;

/// <summary>The audit's models on tables with a known answer: an outcome driven by one parameter, another parameter ignored.</summary>
public sealed class OutcomeModelerTests
{
    /// <summary>
    /// 8 design points x 3 seeds: accuracy falls with log10(c2c) (5 points per decade), seed noise of ±0.3, and a parameter that
    /// changes nothing.
    /// </summary>
    private static AuditTable Table(int seeds = 3)
    {
        var random = new Random(5);
        var rows = new List<AuditRow>();
        var point = 0;
        foreach (var c2c in new[] { 0.001, 0.003, 0.01, 0.03, 0.1 })
            foreach (var ignored in new[] { 1.0, 2.0 })
            {
                for (var seed = 1; seed <= seeds; seed++)
                {
                    var accuracy = 90 - 5 * (Math.Log10(c2c) + 3) + 0.3 * (2 * random.NextDouble() - 1);
                    rows.Add(new AuditRow($"r{point}-{seed}", point, seed, [c2c, ignored], new Dictionary<string, double> { ["late-accuracy"] = accuracy }));
                }
                point++;
            }
        return new AuditTable("test", ["c2cVari", "trace_images"], rows, []);
    }

    [Fact]
    public void The_parameter_that_drives_the_outcome_ranks_first_and_the_ignored_one_near_zero()
    {
        var (audit, _) = new OutcomeModeler(Table(), AuditOutcome.LateAccuracy).Run();
        Assert.Equal(["c2cVari", "trace_images"], audit.Importance.Select(i => i.Parameter));
        var (strong, ignored) = (audit.Importance[0], audit.Importance[1]);
        Assert.True(strong.Mean > 5 * strong.Spread && strong.Mean > 0.5, $"c2cVari {strong.Mean} ± {strong.Spread}");
        Assert.InRange(ignored.Mean, -0.02, 0.02);
        // Held-out design points at the ends of the range are extrapolated by the trees (they hold their edge value): R² ~0.76 here.
        Assert.InRange(audit.RSquared, 0.6, 1);
        Assert.Equal(5, audit.Folds);
        Assert.Equal(30, audit.Runs);
        // Partial dependence falls over the c2c range (log-spaced: two decades).
        var pd = audit.Dependence.Single(d => d.Parameter == "c2cVari");
        Assert.True(pd.LogScale);
        Assert.True(pd.Outcome[0] > pd.Outcome[^1] + 5, $"{pd.Outcome[0]} → {pd.Outcome[^1]}");
    }

    [Fact]
    public void An_outcome_the_parameters_barely_move_is_flagged_with_its_relative_spread()
    {
        var (moved, _) = new OutcomeModeler(Table(), AuditOutcome.LateAccuracy).Run(permutations: 3);
        Assert.False(moved.BarelyVaries);
        Assert.InRange(moved.RelativeSpread, 0.02, 0.1);   // 80..90 % around 85 %
        // The same runs with an outcome of 1.9 ± 1e-5 (a chip's energy that the device parameters do not touch).
        var random = new Random(7);
        var table = Table();
        var flat = table with { Rows = [.. table.Rows.Select(r => r with
            { Outcomes = new Dictionary<string, double> { ["late-accuracy"] = 1.9 + 1e-5 * (2 * random.NextDouble() - 1) } })] };
        var (audit, _) = new OutcomeModeler(flat, AuditOutcome.LateAccuracy).Run(permutations: 3);
        Assert.True(audit.BarelyVaries);
        Assert.InRange(audit.RelativeSpread, 1e-7, 1e-5);
    }

    [Fact]
    public void A_prediction_names_defaulted_and_out_of_range_parameters()
    {
        var table = Table();
        var p = AuditPrediction.Of(table, ["c2cVari=0.5"]);
        Assert.Equal([0.5, 2.0], p.Values);
        Assert.Equal("trace_images = 2 (median)", Assert.Single(p.Defaulted));
        Assert.Contains("c2cVari = 0.5 is outside the studied 0.001..0.1", Assert.Single(p.OutsideRange));
        Assert.Empty(AuditPrediction.Of(table, ["c2cVari=0.01", "trace_images=1"]).OutsideRange);
        Assert.Contains("not a parameter", Assert.Throws<ArgumentException>(() => AuditPrediction.Of(table, ["max_level=3"])).Message);
        Assert.Contains("not key=number", Assert.Throws<ArgumentException>(() => AuditPrediction.Of(table, ["c2cVari"])).Message);
        var modeler = new OutcomeModeler(table, AuditOutcome.LateAccuracy);
        var (_, model) = modeler.Run(permutations: 5);
        var low = modeler.Predict(model, [[0.001f, 1f], [0.1f, 1f]]);
        Assert.True(low[0] > low[1] + 5);
    }

    [Fact]
    public void Too_few_runs_or_design_points_are_refused()
    {
        var table = Table(seeds: 1);
        var few = table with { Rows = [.. table.Rows.Take(3)] };
        Assert.Contains("at least 4", Assert.Throws<ArgumentException>(() => new OutcomeModeler(few, AuditOutcome.LateAccuracy)).Message);
        var twoPoints = table with { Rows = [.. table.Rows.Select(r => r with { Point = r.Point % 2 })] };
        Assert.Contains("cross-validation needs at least 3", Assert.Throws<ArgumentException>(() => new OutcomeModeler(twoPoints, AuditOutcome.LateAccuracy).Run()).Message);
        Assert.Contains("not an outcome", Assert.Throws<ArgumentException>(() => AuditOutcome.Parse("speed")).Message);
        Assert.Equal(AuditOutcome.LateAccuracy, AuditOutcome.Parse("accuracy"));
        var csv = table.ToCsv().Split('\n');
        Assert.Equal("run,point,seed,c2cVari,trace_images,late-accuracy", csv[0]);
    }
}
