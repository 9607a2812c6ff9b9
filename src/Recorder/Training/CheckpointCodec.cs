using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace NeuroSim.Replay.Recorder.Training;

/// <summary>
/// A checkpoint as bytes: magic "NSCP", CRC-32 and length of the body, then the body (epoch, grad_scale, generator
/// state, and per layer its float32 weights and device offsets). The same bytes go to a file or into a store event.
/// </summary>
public static class CheckpointCodec
{
    private const uint Magic = 0x4E534350;   // "NSCP"

    public static byte[] Encode(Checkpoint c)
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
        using var all = new MemoryStream(bytes.Length + 12);
        using (var o = new BinaryWriter(all, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            o.Write(Magic);
            o.Write(Crc32.HashToUInt32(bytes));
            o.Write(bytes.Length);
            o.Write(bytes);
        }
        return all.ToArray();
    }

    /// <param name="source">Where the bytes came from (a file, a store stream), for errors.</param>
    public static Checkpoint Decode(Stream stream, string source)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (r.ReadUInt32() != Magic) throw new InvalidDataException($"{source}: not a NeuroSim.Replay checkpoint");
            var crc = r.ReadUInt32();
            var bytes = r.ReadBytes(r.ReadInt32());
            if (Crc32.HashToUInt32(bytes) != crc) throw new InvalidDataException($"{source}: checksum mismatch (truncated or damaged checkpoint)");
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
            throw new InvalidDataException($"{source}: truncated checkpoint");
        }
    }

    private static void WriteFloats(BinaryWriter w, float[] v)
    {
        w.Write(v.Length);
        w.Write(MemoryMarshal.AsBytes(v.AsSpan()));
    }

    private static float[] ReadFloats(BinaryReader r)
    {
        var n = r.ReadInt32();
        var bytes = r.ReadBytes(n * sizeof(float));
        if (bytes.Length != n * sizeof(float)) throw new EndOfStreamException();
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
