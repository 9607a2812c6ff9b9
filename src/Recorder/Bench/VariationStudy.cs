using System.Globalization;
using NeuroSim.Replay.Recorder.Data;
using NeuroSim.Replay.Recorder.Device;
using NeuroSim.Replay.Recorder.Model;
using NeuroSim.Replay.Recorder.Recording;
using NeuroSim.Replay.Recorder.Training;
using EpochEvaluated = NeuroSim.Replay.Core.Events.Contracts.EpochEvaluated;

namespace NeuroSim.Replay.Recorder.Bench;

/// <summary>One setting of a study: training settings and device, and what differs from the baseline.</summary>
public sealed record StudyArm(string Label, TrainingSettings Settings, DeviceModel Device);

/// <summary>A run's figures averaged over its last epochs (the late phase, where accumulated device noise shows).</summary>
public sealed record LateFigures(double TestAccuracy, double TrainAccuracy, double TrainLoss, double TestLoss, double BestTestAccuracy)
{
    public static LateFigures Of(IReadOnlyList<EpochEvaluated> evaluations, int last)
    {
        if (evaluations.Count == 0) throw new ArgumentException("no evaluated epochs");
        var late = evaluations.Skip(Math.Max(0, evaluations.Count - last)).ToList();
        return new LateFigures(late.Average(e => e.TestAccuracy), late.Average(e => e.TrainAccuracy), late.Average(e => e.TrainLoss),
            late.Average(e => e.TestLoss), evaluations.Max(e => e.TestAccuracy));
    }
}

/// <summary>
/// Does a device setting change what the network learns? The same network is trained under a baseline and a variant
/// (e.g. ten times the cycle-to-cycle variation) on the same seeds, nothing recorded; each run's accuracy and loss are
/// averaged over its last epochs and the two arms compared seed by seed (<see cref="PairedComparison"/>).
/// </summary>
public static class VariationStudy
{
    public sealed record Result(IReadOnlyList<long> Seeds, IReadOnlyList<LateFigures> Baseline, IReadOnlyList<LateFigures> Variant)
    {
        public PairedComparison Compare(Func<LateFigures, double> figure) =>
            PairedComparison.Of(Baseline.Select(figure).ToList(), Variant.Select(figure).ToList());
    }

    public static async Task<Result> Run(NetworkDescription model, DataSet data, StudyArm baseline, StudyArm variant, IReadOnlyList<long> seeds,
        int lastEpochs, TextWriter? log, CancellationToken ct)
    {
        var b = new List<LateFigures>();
        var v = new List<LateFigures>();
        foreach (var seed in seeds)
        {
            foreach (var (arm, into) in new[] { (baseline, b), (variant, v) })
            {
                var result = await new Trainer(model, data, arm.Settings with { Seed = seed }, arm.Device).Run($"study-{arm.Label}-{seed}", new DiscardingSink(), null, ct);
                var figures = LateFigures.Of(result.Evaluations, lastEpochs);
                into.Add(figures);
                if (log is not null)
                    await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  seed {seed}, {arm.Label}: test accuracy {figures.TestAccuracy:F2} %, train accuracy {figures.TrainAccuracy:F2} %, train loss {figures.TrainLoss:F3}, test loss {figures.TestLoss:F3} (best test accuracy {figures.BestTestAccuracy:F2} %)"));
            }
        }
        return new Result(seeds, b, v);
    }

    /// <summary>The comparison as lines a reader can quote: each figure's two means, the paired difference and the sign count.</summary>
    public static IEnumerable<string> Report(Result result, string baselineLabel, string variantLabel)
    {
        foreach (var (name, unit, figure) in new (string, string, Func<LateFigures, double>)[]
                 {
                     ("test accuracy", " %", f => f.TestAccuracy), ("train accuracy", " %", f => f.TrainAccuracy),
                     ("train loss", "", f => f.TrainLoss), ("test loss", "", f => f.TestLoss), ("best test accuracy", " %", f => f.BestTestAccuracy),
                 })
        {
            var c = result.Compare(figure);
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{name}: {baselineLabel} {c.BaselineMean:F3}{unit}, {variantLabel} {c.VariantMean:F3}{unit}; difference {c.MeanDifference:+0.000;-0.000} ± {c.StandardError:F3} (standard error), " +
                $"lower in {c.Lower} and higher in {c.Higher} of {c.Count} seeds (sign test p = {c.SignTestP:F3})");
        }
    }
}
