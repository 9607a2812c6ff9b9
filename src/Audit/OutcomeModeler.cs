using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace NeuroSim.Replay.Audit;

/// <summary>
/// ML.NET regression of one outcome on the audit's parameters: FastTree (boosted regression trees), cross-validated with the
/// runs of one design point kept in one fold, permutation feature importance on the model trained on every run, partial
/// dependence, and predictions for untried parameter values. Deterministic for a seed.
/// </summary>
public sealed class OutcomeModeler
{
    private readonly MLContext _ml;
    private readonly AuditTable _table;
    private readonly AuditOutcome _outcome;
    private readonly List<Example> _examples;
    private readonly SchemaDefinition _schema;

    public OutcomeModeler(AuditTable table, AuditOutcome outcome, int seed = 1)
    {
        _ml = new MLContext(seed);
        _table = table;
        _outcome = outcome;
        _examples = [.. table.Rows.Where(r => r.Outcomes.ContainsKey(outcome.Name)).Select(r => new Example
        {
            Label = (float)r.Outcomes[outcome.Name],
            Features = [.. r.Parameters.Select(v => (float)v)],
            Group = r.Point >= 0 ? $"point {r.Point}" : string.Join(",", r.Parameters),
        })];
        _schema = SchemaDefinition.Create(typeof(Example));
        _schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, table.Parameters.Count);
        if (_examples.Count < 4) throw new ArgumentException($"{outcome.Name}: {_examples.Count} run(s) have it; a model needs at least 4");
        Data = _ml.Data.LoadFromEnumerable(_examples, _schema);
    }

    public IDataView Data { get; }

    private IEstimator<ITransformer> Trainer() => _ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
    {
        NumberOfTrees = 100,
        NumberOfLeaves = 4,
        MinimumExampleCountPerLeaf = Math.Max(1, Math.Min(5, _examples.Count / 8)),
        LearningRate = 0.1,
        NumberOfThreads = 1,
    });

    /// <summary>Cross-validation, the model on every run, its importance and the partial dependence of the <paramref name="top"/> most important parameters.</summary>
    public (OutcomeAudit Audit, ITransformer Model) Run(int permutations = 30, int top = 3)
    {
        var groups = _examples.Select(e => e.Group).Distinct().Count();
        if (groups < 3) throw new ArgumentException($"{_outcome.Name}: runs at {groups} design point(s); cross-validation needs at least 3");
        var folds = Math.Min(5, groups);
        var cv = _ml.Regression.CrossValidate(Data, Trainer(), numberOfFolds: folds, labelColumnName: "Label", samplingKeyColumnName: nameof(Example.Group), seed: 1);
        var held = cv.SelectMany(f => _ml.Data.CreateEnumerable<Scored>(f.ScoredHoldOutSet, reuseRowObject: false)).ToList();
        var mean = held.Average(h => h.Label);
        var sse = held.Sum(h => Sq(h.Label - h.Score));
        var sst = held.Sum(h => Sq(h.Label - mean));
        var foldR2 = cv.Select(f => f.Metrics.RSquared).Where(double.IsFinite).ToList();
        var model = (RegressionPredictionTransformer<FastTreeRegressionModelParameters>)Trainer().Fit(Data);
        var pfi = _ml.Regression.PermutationFeatureImportance(model, Data, labelColumnName: "Label", permutationCount: permutations);
        var importance = _table.Parameters.Select((p, i) => new ParameterImportance(p, -pfi[i].RSquared.Mean, pfi[i].RSquared.StandardDeviation))
            .OrderByDescending(x => x.Mean).ToList();
        var dependence = importance.Take(top).Select(i => Dependence(model, _table.Parameters.ToList().IndexOf(i.Parameter))).ToList();
        var audit = new OutcomeAudit(_outcome, _examples.Count, folds, sst > 0 ? 1 - sse / sst : double.NaN, held.Average(h => Math.Abs(h.Label - h.Score)),
            Math.Sqrt(sse / held.Count), foldR2.Count > 0 ? foldR2.Average() : double.NaN, foldR2.Count > 1 ? StandardDeviation(foldR2) : 0, importance, dependence,
            RelativeSpread([.. _examples.Select(e => (double)e.Label)]));
        return (audit, model);
    }

    private PartialDependence Dependence(ITransformer model, int parameter)
    {
        var (min, max) = _table.Range(parameter);
        var log = min > 0 && max / min >= 30;
        var grid = Enumerable.Range(0, 25).Select(i => i / 24.0).Select(f => log ? Math.Exp(Math.Log(min) + f * (Math.Log(max) - Math.Log(min))) : min + f * (max - min)).ToList();
        var outcome = grid.Select(v => Predict(model, _examples.Select(e =>
        {
            var features = (float[])e.Features.Clone();
            features[parameter] = (float)v;
            return features;
        })).Average()).ToList();
        return new PartialDependence(_table.Parameters[parameter], grid, outcome, log);
    }

    /// <summary>The model's outcome for each feature vector.</summary>
    public IReadOnlyList<double> Predict(ITransformer model, IEnumerable<float[]> features)
    {
        var data = _ml.Data.LoadFromEnumerable(features.Select(f => new Example { Features = f, Group = "" }), _schema);
        return [.. _ml.Data.CreateEnumerable<Scored>(model.Transform(data), reuseRowObject: false).Select(s => (double)s.Score)];
    }

    /// <summary>Saves the model (ML.NET's zip, with its input schema) to <paramref name="stream"/>.</summary>
    public void Save(ITransformer model, Stream stream) => _ml.Model.Save(model, Data.Schema, stream);

    private static double Sq(double x) => x * x;

    /// <summary>Standard deviation over |mean| (0 for a constant outcome, infinity around a zero mean).</summary>
    private static double RelativeSpread(IReadOnlyList<double> v)
    {
        var sd = StandardDeviation(v);
        var mean = Math.Abs(v.Average());
        return sd == 0 ? 0 : mean == 0 ? double.PositiveInfinity : sd / mean;
    }

    private static double StandardDeviation(IReadOnlyList<double> v)
    {
        var m = v.Average();
        return Math.Sqrt(v.Sum(x => Sq(x - m)) / (v.Count - 1));
    }

    private sealed class Example
    {
        public float Label { get; set; }
        public float[] Features { get; set; } = [];
        public string Group { get; set; } = "";
    }

    private sealed class Scored
    {
        public float Label { get; set; }
        public float Score { get; set; }
    }
}
