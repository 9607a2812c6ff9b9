using NeuroSim.Replay.Core.IO;

namespace NeuroSim.Replay.Recorder.Training;

/// <summary>
/// Checkpoints on disk beside a file store (<c>STORE.checkpoints/RUN/epoch-N.ckpt</c>), each written atomically and
/// checked by CRC on load; they stay out of the store, whose file then holds the run's history only.
/// </summary>
public sealed class CheckpointFiles(string directory) : ICheckpointStore
{
    public string Directory { get; } = directory;

    public static CheckpointFiles Beside(Core.Store.StoreAddress store, string runName) =>
        new(store.CheckpointFolder(runName) ?? throw new NotSupportedException($"{store}: checkpoint files need a file store."));

    public string PathOf(int epoch) => Path.Combine(Directory, $"epoch-{epoch}.ckpt");

    public string Describe(int epoch) => PathOf(epoch);

    public Task Save(Checkpoint c, CancellationToken cancellationToken)
    {
        AtomicFile.CreateFolder(Directory);
        var bytes = CheckpointCodec.Encode(c);
        AtomicFile.Write(PathOf(c.Epoch), stream => stream.Write(bytes));
        // Keep the two latest: the newest may be ahead of the store if the process dies before its append.
        foreach (var old in System.IO.Directory.GetFiles(Directory, "epoch-*.ckpt").Select(f => (File: f, Epoch: EpochOf(f))).Where(x => x.Epoch < c.Epoch - 1))
            File.Delete(old.File);
        return Task.CompletedTask;
    }

    public Task<Checkpoint> Load(int epoch, CancellationToken cancellationToken)
    {
        var path = PathOf(epoch);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no checkpoint for epoch {epoch}; the run cannot be resumed from it");
        using var stream = File.OpenRead(path);
        return Task.FromResult(CheckpointCodec.Decode(stream, path));
    }

    private static int EpochOf(string file) =>
        int.TryParse(Path.GetFileNameWithoutExtension(file)["epoch-".Length..], out var e) ? e : int.MaxValue;
}
