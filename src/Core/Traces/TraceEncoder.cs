using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Core.Traces;

/// <summary>Chooses the tightest exact encoding for trace tensors read from text.</summary>
public static class TraceEncoder
{
    /// <summary>
    /// Quantized values (all multiples of one step, at most 127 steps from 0) become level codes;
    /// anything else stays fixed-point.
    /// </summary>
    public static Tensor Encode(DecimalMatrix m, int level = TensorCodec.DefaultLevel)
    {
        long[] shape = [m.Rows, m.Columns];
        var step = TensorCodec.Gcd(m.Units);
        if (step > 0)
        {
            var maxCode = 0;
            foreach (var u in m.Units) maxCode = Math.Max(maxCode, Math.Abs(u / step));
            if (maxCode <= 127)
            {
                var codes = new sbyte[m.Units.Length];
                for (var i = 0; i < codes.Length; i++) codes[i] = (sbyte)(m.Units[i] / step);
                return TensorCodec.EncodeLevels(codes, step, m.Decimals, shape, level);
            }
        }
        return TensorCodec.EncodeFixed(m.Units, m.Decimals, shape, level);
    }

    /// <summary>
    /// Encodes <paramref name="m"/> as a residual against <paramref name="reference"/> (same shape): weights
    /// before the update differ from the quantized weights by the last update and the C2C noise only.
    /// Returns the pair (reference tensor, residual tensor) at a common number of decimals.
    /// </summary>
    public static (Tensor Reference, Tensor Residual) EncodeWithResidual(DecimalMatrix reference, DecimalMatrix m,
        string referenceName, int level = TensorCodec.DefaultLevel)
    {
        if (reference.Rows != m.Rows || reference.Columns != m.Columns)
            throw new ArgumentException($"Residual shape {m.Rows}x{m.Columns} differs from the reference {reference.Rows}x{reference.Columns}.");
        var d = Math.Max(reference.Decimals, m.Decimals);
        var r = reference.WithDecimals(d);
        var v = m.WithDecimals(d);
        return (Encode(r, level), TensorCodec.EncodeFixedResidual(v.Units, r.Units, d, referenceName, [m.Rows, m.Columns], level));
    }

    public static Tensor EncodeBits(BitMatrix b, int level = TensorCodec.DefaultLevel) =>
        TensorCodec.EncodePackedBits(b.Packed, [b.Rows, b.Columns], level);

    /// <summary>Decodes a value tensor back to an exact decimal matrix, when it is one (levels or fixed).</summary>
    public static DecimalMatrix? TryDecodeDecimal(Tensor t, string name, Tensor? reference = null)
    {
        if (t.Encoding is not (TensorEncoding.LevelsI8 or TensorEncoding.FixedI32 or TensorEncoding.FixedI32Residual)) return null;
        if (t.Encoding == TensorEncoding.LevelsI8 && t.Scale != Math.Round(t.Scale)) return null;
        return new DecimalMatrix((int)t.Shape[0], (int)t.Shape[1], t.Decimals, TensorCodec.DecodeUnits(t, name, reference));
    }

    public static BitMatrix DecodeBits(Tensor t, string name)
    {
        if (t.Shape.Count != 2) throw new TraceFormatException(name, $"bit tensor has {t.Shape.Count} dimensions, expected 2");
        return new BitMatrix((int)t.Shape[0], (int)t.Shape[1], TensorCodec.DecodePackedBits(t, name));
    }
}
