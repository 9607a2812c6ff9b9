using System.IO.Hashing;
using NeuroSim.Replay.Core.IO;

namespace NeuroSim.Replay.Recorder.Training;

/// <summary>
/// Everything a run needs to continue after epoch <see cref="Epoch"/> exactly as if it had never stopped: the weights
/// (float32, bit-exact), the random generator's state, the current grad_scale and the realized device-to-device offsets.
/// Velocity needs no saving: V2.0 resets it at every epoch.
/// </summary>
public sealed record Checkpoint(int Epoch, double GradScale, byte[] GeneratorState, IReadOnlyList<float[]> Weights, IReadOnlyList<float[]?> D2DOffsets);

/// <summary>
/// Checkpoints on disk beside the store (<c>STORE.checkpoints/RUN/epoch-N.ckpt</c>), each written atomically and
/// checked by CRC on load; written before the epoch's events are appended, and the two latest kept, so the store's
/// last completed epoch always has its checkpoint whatever moment the process is killed.
/// </summary>
public sealed class CheckpointFiles(string directory)
{
    private const uint Magic = 0x4E534350;   // "NSCP"
    public string Directory { get; } = directory;

    public static CheckpointFiles Beside(Core.Store.StoreAddress store, string runName) =>
        new(store.CheckpointFolder(runName) ?? throw new NotSupportedException($"{store}: checkpoints need a file store."));

    public string PathOf(int epoch) => Path.Combine(Directory, $"epoch-{epoch}.ckpt");

    public void Save(Checkpoint c)
    {
        AtomicFile.CreateFolder(Directory);
        AtomicFile.Write(PathOf(c.Epoch), stream =>
        {
            using var body = new MemoryStream();
            using (var w = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                w.Write(c.Epoch);
                w.Write(c.GradScale);
                w.Write(c.GeneratorState.Length);
                w.Write(c.GeneratorState);
                w.Write(c.Weights.Count);
                for (var i = 0; i < c.Weights.Count; i++)
                {
                    WriteFloats(w, c.Weights[i]);
                    var d = c.D2DOffsets[i];
                    w.Write(d is not null);
                    if (d is not null) WriteFloats(w, d);
                }
            }
            var bytes = body.ToArray();
            using var o = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            o.Write(Magic);
            o.Write(Crc32.HashToUInt32(bytes));
            o.Write(bytes.Length);
            o.Write(bytes);
        });
        // Keep the two latest: the newest may be ahead of the store if the process dies before its append.
        foreach (var old in System.IO.Directory.GetFiles(Directory, "epoch-*.ckpt").Select(f => (File: f, Epoch: EpochOf(f))).Where(x => x.Epoch < c.Epoch - 1))
            File.Delete(old.File);
    }

    public Checkpoint Load(int epoch)
    {
        var path = PathOf(epoch);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no checkpoint for epoch {epoch}; the run cannot be resumed from it");
        using var r = new BinaryReader(File.OpenRead(path));
        try
        {
            if (r.ReadUInt32() != Magic) throw new InvalidDataException($"{path}: not a NeuroSim.Replay checkpoint");
            var crc = r.ReadUInt32();
            var bytes = r.ReadBytes(r.ReadInt32());
            if (Crc32.HashToUInt32(bytes) != crc) throw new InvalidDataException($"{path}: checksum mismatch (truncated or damaged checkpoint)");
            using var b = new BinaryReader(new MemoryStream(bytes));
            var e = b.ReadInt32();
            var gradScale = b.ReadDouble();
            var state = b.ReadBytes(b.ReadInt32());
            var n = b.ReadInt32();
            var weights = new List<float[]>();
            var d2d = new List<float[]?>();
            for (var i = 0; i < n; i++)
            {
                weights.Add(ReadFloats(b));
                d2d.Add(b.ReadBoolean() ? ReadFloats(b) : null);
            }
            return new Checkpoint(e, gradScale, state, weights, d2d);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: truncated checkpoint");
        }
    }

    private static int EpochOf(string file) =>
        int.TryParse(Path.GetFileNameWithoutExtension(file)["epoch-".Length..], out var e) ? e : int.MaxValue;

    private static void WriteFloats(BinaryWriter w, float[] v)
    {
        w.Write(v.Length);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.AsSpan()));
    }

    private static float[] ReadFloats(BinaryReader r)
    {
        var n = r.ReadInt32();
        var bytes = r.ReadBytes(n * sizeof(float));
        if (bytes.Length != n * sizeof(float)) throw new EndOfStreamException();
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
