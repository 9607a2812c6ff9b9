using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Events.Contracts;
using ZstdSharp;

namespace NeuroSim.Replay.Core.Traces;

/// <summary>
/// Encodes tensors for events: quantized weights as level codes, fixed-point values as zigzag byte
/// planes (optionally as a residual against another tensor), bits packed 8 to a byte; every payload is
/// compressed with zstd and guarded by a CRC-32 of the uncompressed bytes. Decoding is exact: a value
/// read back is the same double that parsing the original text gives.
/// </summary>
public static class TensorCodec
{
    /// <summary>zstd level: 1 compresses small-alphabet planes about as well as 3, and 3–4x faster.</summary>
    public const int DefaultLevel = 1;

    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    public const int MaxDecimals = 9;

    public static Tensor EncodeLevels(ReadOnlySpan<sbyte> codes, double scale, int decimals, ReadOnlySpan<long> shape, int level = DefaultLevel)
    {
        CheckShape(shape, codes.Length);
        var raw = new byte[codes.Length];
        for (var i = 0; i < codes.Length; i++) raw[i] = (byte)codes[i];
        return Pack(raw, TensorEncoding.LevelsI8, shape, level, t => { t.Scale = scale; t.Decimals = decimals; });
    }

    public static Tensor EncodeFixed(ReadOnlySpan<int> units, int decimals, ReadOnlySpan<long> shape, int level = DefaultLevel)
    {
        CheckShape(shape, units.Length);
        CheckDecimals(decimals);
        return Pack(ZigzagPlanes(units, default), TensorEncoding.FixedI32, shape, level, t => t.Decimals = decimals);
    }

    /// <summary>Stores <paramref name="units"/> as differences to <paramref name="referenceUnits"/> (same decimals).</summary>
    public static Tensor EncodeFixedResidual(ReadOnlySpan<int> units, ReadOnlySpan<int> referenceUnits, int decimals,
        string residualOf, ReadOnlySpan<long> shape, int level = DefaultLevel)
    {
        CheckShape(shape, units.Length);
        CheckDecimals(decimals);
        if (referenceUnits.Length != units.Length)
            throw new ArgumentException($"Residual reference has {referenceUnits.Length} values, the tensor {units.Length}.");
        return Pack(ZigzagPlanes(units, referenceUnits), TensorEncoding.FixedI32Residual, shape, level,
            t => { t.Decimals = decimals; t.ResidualOf = residualOf; });
    }

    public static Tensor EncodeFloat32(ReadOnlySpan<float> values, ReadOnlySpan<long> shape, int level = DefaultLevel)
    {
        CheckShape(shape, values.Length);
        var raw = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            var bits = BitConverter.SingleToUInt32Bits(values[i]);
            for (var b = 0; b < 4; b++) raw[b * values.Length + i] = (byte)(bits >> (8 * b));
        }
        return Pack(raw, TensorEncoding.Float32, shape, level, null);
    }

    public static Tensor EncodeFloat64(ReadOnlySpan<double> values, ReadOnlySpan<long> shape, int level = DefaultLevel)
    {
        CheckShape(shape, values.Length);
        var raw = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            var bits = BitConverter.DoubleToUInt64Bits(values[i]);
            for (var b = 0; b < 8; b++) raw[b * values.Length + i] = (byte)(bits >> (8 * b));
        }
        return Pack(raw, TensorEncoding.Float64, shape, level, null);
    }

    /// <summary>Packs bits already packed LSB-first (<paramref name="packed"/> holds at least ceil(count/8) bytes).</summary>
    public static Tensor EncodePackedBits(ReadOnlySpan<byte> packed, ReadOnlySpan<long> shape, int level = DefaultLevel)
    {
        var count = CheckShape(shape, -1);
        var bytes = (int)((count + 7) / 8);
        if (packed.Length < bytes) throw new ArgumentException($"Packed bits hold {packed.Length} bytes; {bytes} needed for {count} bits.");
        return Pack(packed[..bytes].ToArray(), TensorEncoding.Bits, shape, level, null);
    }

    /// <summary>Number of values a tensor holds (product of its shape).</summary>
    public static long Count(Tensor t)
    {
        long n = 1;
        foreach (var d in t.Shape) n *= d;
        return n;
    }

    /// <summary>
    /// The exact integer units (value × 10^decimals) of a levels or fixed-point tensor; a residual tensor
    /// needs its reference. With <paramref name="recycler"/>, the result and the scratch come from (and the scratch goes
    /// back to) it.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int[] DecodeUnits(Tensor t, string name, Tensor? reference = null, ArrayRecycler? recycler = null)
    {
        var raw = Unpack(t, name, recycler);
        var n = (int)Count(t);
        switch (t.Encoding)
        {
            case TensorEncoding.LevelsI8:
            {
                var step = t.Scale;
                if (step != Math.Round(step) || Math.Abs(step) > int.MaxValue)
                    throw new TraceFormatException(name, $"levels step {step} is not an integer number of units; decode values instead");
                var units = recycler.RentOrAllocate<int>(n);   // every element written below (no zeroing: decode is per epoch)
                var s = (int)step;
                for (var i = 0; i < n; i++) units[i] = (sbyte)raw[i] * s;
                recycler?.Return(raw);
                return units;
            }
            case TensorEncoding.FixedI32:
            {
                var units = FromZigzagPlanes(raw, n, default, name, recycler);
                recycler?.Return(raw);
                return units;
            }
            case TensorEncoding.FixedI32Residual:
            {
                if (reference is null) throw new TraceFormatException(name, $"residual of '{t.ResidualOf}' decoded without its reference");
                var refUnits = DecodeUnits(reference, t.ResidualOf, recycler: recycler);
                if (reference.Decimals != t.Decimals)
                    throw new TraceFormatException(name, $"residual has {t.Decimals} decimals, its reference {reference.Decimals}");
                var units = FromZigzagPlanes(raw, n, refUnits, name, recycler);
                recycler?.Return(raw);
                recycler?.Return(refUnits);
                return units;
            }
            default:
                throw new TraceFormatException(name, $"encoding {t.Encoding} has no integer units");
        }
    }

    /// <summary>Decodes any value tensor to doubles.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double[] DecodeValues(Tensor t, string name, Tensor? reference = null)
    {
        var n = (int)Count(t);
        var values = GC.AllocateUninitializedArray<double>(n);   // every case below writes all n, or throws
        switch (t.Encoding)
        {
            case TensorEncoding.LevelsI8 when t.Decimals == 0:
            {
                var raw = Unpack(t, name);
                for (var i = 0; i < n; i++) values[i] = (sbyte)raw[i] * t.Scale;
                return values;
            }
            case TensorEncoding.LevelsI8:
            case TensorEncoding.FixedI32:
            case TensorEncoding.FixedI32Residual:
            {
                var units = DecodeUnits(t, name, reference);
                var p = PowersOfTen[t.Decimals];
                // units / 10^d is correctly rounded, i.e. the same double as parsing the decimal text.
                for (var i = 0; i < n; i++) values[i] = units[i] / p;
                return values;
            }
            case TensorEncoding.Float32:
            {
                var raw = Unpack(t, name);
                for (var i = 0; i < n; i++)
                {
                    uint bits = 0;
                    for (var b = 0; b < 4; b++) bits |= (uint)raw[b * n + i] << (8 * b);
                    values[i] = BitConverter.UInt32BitsToSingle(bits);
                }
                return values;
            }
            case TensorEncoding.Float64:
            {
                var raw = Unpack(t, name);
                for (var i = 0; i < n; i++)
                {
                    ulong bits = 0;
                    for (var b = 0; b < 8; b++) bits |= (ulong)raw[b * n + i] << (8 * b);
                    values[i] = BitConverter.UInt64BitsToDouble(bits);
                }
                return values;
            }
            default:
                throw new TraceFormatException(name, $"encoding {t.Encoding} does not hold values");
        }
    }

    /// <summary>
    /// Decodes a tensor and a residual tensor on it (a layer's weights and its weights before the update) to doubles, the
    /// same values as <see cref="DecodeValues"/> of each: the reference's units are decoded once and both conversions run
    /// in parallel chunks over the cores. With <paramref name="recycler"/>, the doubles and the scratch come from it (the
    /// scratch goes back).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static (double[] Values, double[] Residual) DecodeValuesWithResidual(Tensor reference, string referenceName, Tensor residual, string residualName,
        ArrayRecycler? recycler = null)
    {
        var fast = residual.Encoding == TensorEncoding.FixedI32Residual && residual.Decimals == reference.Decimals
            && (reference.Encoding == TensorEncoding.FixedI32
                || reference.Encoding == TensorEncoding.LevelsI8 && reference.Decimals > 0 && reference.Scale == Math.Round(reference.Scale) && Math.Abs(reference.Scale) <= int.MaxValue);
        if (!fast) return (DecodeValues(reference, referenceName), DecodeValues(residual, residualName, reference));
        // The two payloads decompress at once (zstd decodes a payload on one core; a large layer's residual is most of an epoch's).
        int[] refUnits = null!;
        byte[] raw = null!;
        try
        {
            Parallel.Invoke(() => refUnits = DecodeUnits(reference, referenceName, recycler: recycler), () => raw = Unpack(residual, residualName, recycler));
        }
        catch (AggregateException ex)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
        var n = (int)Count(residual);
        if (raw.Length != 4L * n) throw new TraceFormatException(residualName, $"fixed-point payload is {raw.Length} bytes, its shape needs {4L * n}");
        if (refUnits.Length != n) throw new TraceFormatException(residualName, $"holds {n} values, its reference '{residual.ResidualOf}' {refUnits.Length}");
        var p = PowersOfTen[reference.Decimals];
        var values = recycler.RentOrAllocate<double>(refUnits.Length);   // both written in full by the chunks
        var before = recycler.RentOrAllocate<double>(n);
        InChunks(n, (start, end) => UnitsToValues(raw, n, refUnits, p, values, before, start, end));
        recycler?.Return(raw);
        recycler?.Return(refUnits);
        return (values, before);
    }

    /// <summary>Values of the reference's units and of the residual's (zigzag byte planes added to them) over [start, end).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void UnitsToValues(byte[] raw, int n, int[] refUnits, double p, double[] values, double[] before, int start, int end)
    {
        var i = start;
        if (Avx2.IsSupported)
        {
            // Eight at a time: each plane's bytes widened to ints and put together, the zigzag undone and the reference's units
            // added in 32-bit integers (the same wrap-around as one at a time); an int converts to a double exactly and the
            // division rounds correctly, so every value is the one the scalar loop below gives.
            var vp = Vector256.Create(p);
            var one = Vector256.Create(1);
            ref var r0 = ref MemoryMarshal.GetArrayDataReference(raw);
            ref var u0 = ref MemoryMarshal.GetArrayDataReference(refUnits);
            ref var v0 = ref MemoryMarshal.GetArrayDataReference(values);
            ref var b0 = ref MemoryMarshal.GetArrayDataReference(before);
            for (; i + 8 <= end; i += 8)
            {
                var z = Plane(ref r0, i)
                    | Avx2.ShiftLeftLogical(Plane(ref r0, n + i), 8)
                    | Avx2.ShiftLeftLogical(Plane(ref r0, 2 * n + i), 16)
                    | Avx2.ShiftLeftLogical(Plane(ref r0, 3 * n + i), 24);
                var residual = Avx2.ShiftRightLogical(z, 1) ^ (Vector256<int>.Zero - (z & one));
                var reference = Vector256.LoadUnsafe(ref u0, (nuint)i);
                var units = reference + residual;
                (Avx.ConvertToVector256Double(reference.GetLower()) / vp).StoreUnsafe(ref v0, (nuint)i);
                (Avx.ConvertToVector256Double(reference.GetUpper()) / vp).StoreUnsafe(ref v0, (nuint)i + 4);
                (Avx.ConvertToVector256Double(units.GetLower()) / vp).StoreUnsafe(ref b0, (nuint)i);
                (Avx.ConvertToVector256Double(units.GetUpper()) / vp).StoreUnsafe(ref b0, (nuint)i + 4);
            }
        }
        for (; i < end; i++)
        {
            // units / 10^d is correctly rounded, i.e. the same double as parsing the decimal text.
            before[i] = (ZigzagAt(raw, n, i) + refUnits[i]) / p;
            values[i] = refUnits[i] / p;
        }
    }

    /// <summary>Bytes [at, at + 8) widened to eight ints.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Plane(ref byte raw, int at) =>
        Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref raw, at))).AsByte());

    /// <summary>Value i of zigzag-coded 32-bit integers stored as four byte planes of n bytes.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int ZigzagAt(byte[] raw, int n, int i)
    {
        var z = raw[i] | (uint)raw[n + i] << 8 | (uint)raw[2 * n + i] << 16 | (uint)raw[3 * n + i] << 24;
        return (int)(z >> 1) ^ -(int)(z & 1);
    }

    /// <summary>Runs <paramref name="body"/> over [0, n) in chunks, in parallel when n is large.</summary>
    private static void InChunks(int n, Action<int, int> body)
    {
        const int chunk = 1 << 18;
        if (n <= chunk)
        {
            body(0, n);
            return;
        }
        Parallel.For(0, (n + chunk - 1) / chunk, c => body(c * chunk, Math.Min(n, (c + 1) * chunk)));
    }

    /// <summary>Decodes a bit tensor to its packed bytes (LSB first, row-major).</summary>
    public static byte[] DecodePackedBits(Tensor t, string name)
    {
        if (t.Encoding != TensorEncoding.Bits) throw new TraceFormatException(name, $"expected a bit tensor, found {t.Encoding}");
        var raw = Unpack(t, name);
        var need = (Count(t) + 7) / 8;
        if (raw.Length != need) throw new TraceFormatException(name, $"bit tensor holds {raw.Length} bytes, its shape needs {need}");
        return raw;
    }

    /// <summary>Bytes of the compressed payload (what the tensor costs in the store).</summary>
    public static long StoredBytes(Tensor t) => t.Data.Length;

    private static Tensor Pack(byte[] raw, TensorEncoding encoding, ReadOnlySpan<long> shape, int level, Action<Tensor>? extra)
    {
        using var compressor = new Compressor(level);
        var t = new Tensor
        {
            Encoding = encoding,
            Data = Google.Protobuf.ByteString.CopyFrom(compressor.Wrap(raw)),
            Crc32 = Crc32.HashToUInt32(raw),
            RawLength = raw.Length,
        };
        foreach (var d in shape) t.Shape.Add(d);
        extra?.Invoke(t);
        return t;
    }

    /// <summary>The uncompressed, checked payload; with <paramref name="recycler"/> in one of its arrays (the caller returns it).</summary>
    private static byte[] Unpack(Tensor t, string name, ArrayRecycler? recycler = null)
    {
        byte[] raw;
        try
        {
            // The stored length sizes the buffer (a damaged one is refused rather than allocated: at most 8 bytes a value).
            if (t.RawLength < 0 || t.RawLength > Math.Min(int.MaxValue - 64, Count(t) * 8 + 64))
                throw new TraceFormatException(name, $"payload length {t.RawLength} does not fit its shape");
            using var decompressor = new Decompressor();
            raw = recycler.RentOrAllocate<byte>((int)t.RawLength);   // what the decompressor does not write is cut off below
            var written = decompressor.Unwrap(t.Data.Span, raw);
            if (written != raw.Length) raw = raw.AsSpan(0, written).ToArray();
        }
        catch (Exception ex) when (ex is ZstdException or ArgumentException)
        {
            throw new TraceFormatException(name, $"compressed payload is damaged ({ex.Message})", inner: ex);
        }
        if (raw.Length != t.RawLength)
            throw new TraceFormatException(name, $"payload is {raw.Length} bytes, expected {t.RawLength}");
        var crc = Crc32.HashToUInt32(raw);
        if (crc != t.Crc32)
            throw new TraceFormatException(name, $"checksum mismatch (stored {t.Crc32:x8}, computed {crc:x8})");
        return raw;
    }

    private static byte[] ZigzagPlanes(ReadOnlySpan<int> units, ReadOnlySpan<int> reference)
    {
        var n = units.Length;
        var raw = new byte[n * 4];
        for (var i = 0; i < n; i++)
        {
            var v = reference.IsEmpty ? units[i] : units[i] - reference[i];
            var z = (uint)((v << 1) ^ (v >> 31));
            raw[i] = (byte)z;
            raw[n + i] = (byte)(z >> 8);
            raw[2 * n + i] = (byte)(z >> 16);
            raw[3 * n + i] = (byte)(z >> 24);
        }
        return raw;
    }

    private static int[] FromZigzagPlanes(byte[] raw, int n, ReadOnlySpan<int> reference, string name, ArrayRecycler? recycler)
    {
        if (raw.Length != 4L * n) throw new TraceFormatException(name, $"fixed-point payload is {raw.Length} bytes, its shape needs {4L * n}");
        var units = recycler.RentOrAllocate<int>(n);   // every element written below
        for (var i = 0; i < n; i++)
        {
            var z = raw[i] | (uint)raw[n + i] << 8 | (uint)raw[2 * n + i] << 16 | (uint)raw[3 * n + i] << 24;
            var v = (int)(z >> 1) ^ -(int)(z & 1);
            units[i] = reference.IsEmpty ? v : v + reference[i];
        }
        return units;
    }

    private static long CheckShape(ReadOnlySpan<long> shape, long count)
    {
        long n = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException("Shape dimensions must be ≥ 0.");
            n *= d;
        }
        if (count >= 0 && n != count) throw new ArgumentException($"Shape holds {n} values, the data {count}.");
        return n;
    }

    private static void CheckDecimals(int decimals)
    {
        if (decimals is < 0 or > MaxDecimals) throw new ArgumentOutOfRangeException(nameof(decimals), decimals, $"Decimals must be 0–{MaxDecimals}.");
    }

    /// <summary>Greatest common divisor of the absolute values (0 when all are 0).</summary>
    public static int Gcd(ReadOnlySpan<int> values)
    {
        var g = 0;
        foreach (var v in values)
        {
            if (v == 0) continue;
            var a = (long)g;
            var b = Math.Abs((long)v);
            while (b != 0) (a, b) = (b, a % b);
            g = (int)a;
            if (g == 1) break;
        }
        return g;
    }

    internal static double PowerOfTen(int decimals) => PowersOfTen[decimals];
}
