using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Traces;

namespace NeuroSim.Replay.Core.Tests.Traces;

public sealed class TensorCodecTests
{
    [Fact]
    public void Levels_round_trip_exactly_and_decode_to_the_parsed_doubles()
    {
        var m = V2CsvReader.ParseDecimals("0.37500,-0.93750, 0.00000\n0.06250,0.50000,-0.06250\n"u8, "t");
        var t = TraceEncoder.Encode(m);
        Assert.Equal(TensorEncoding.LevelsI8, t.Encoding);
        Assert.Equal([2L, 3L], t.Shape);
        var values = TensorCodec.DecodeValues(t, "t");
        Assert.Equal([0.375, -0.9375, 0.0, 0.0625, 0.5, -0.0625], values);
    }

    [Fact]
    public void Fixed_point_values_decode_to_the_same_double_as_parsing_the_text()
    {
        string[] cells = ["0.36389", "-0.86058", "0.69982", "0.94325", "-0.00001", "1.00000", "-1.00000", "0.12345"];
        var m = V2CsvReader.ParseDecimals(System.Text.Encoding.ASCII.GetBytes(string.Join(",", cells) + "\n"), "t");
        var t = TraceEncoder.Encode(m);
        Assert.Equal(TensorEncoding.FixedI32, t.Encoding);
        var values = TensorCodec.DecodeValues(t, "t");
        Assert.Equal(cells.Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)), values);
    }

    [Fact]
    public void Residuals_round_trip_against_their_reference()
    {
        var random = new Random(3);
        var w = Enumerable.Range(0, 1000).Select(_ => random.Next(-15, 16) * 6250).ToArray();
        var old = w.Select(u => Math.Clamp(u + random.Next(-900, 900), -100000, 100000)).ToArray();
        var (reference, residual) = TraceEncoder.EncodeWithResidual(new DecimalMatrix(10, 100, 5, w), new DecimalMatrix(10, 100, 5, old), "weights");
        Assert.Equal(TensorEncoding.FixedI32Residual, residual.Encoding);
        Assert.Equal("weights", residual.ResidualOf);
        Assert.Equal(old, TensorCodec.DecodeUnits(residual, "old", reference));
        Assert.Throws<TraceFormatException>(() => TensorCodec.DecodeValues(residual, "old"));
        Assert.True(residual.Data.Length < old.Length * 2, "residuals of small noise compress below 2 bytes a value");
    }

    [Theory]
    [InlineData(7, true)]        // levels (quantized weights), a size that ends in a partial group of four
    [InlineData(600_001, true)]  // large enough to be decoded in parallel chunks
    [InlineData(1003, false)]    // fixed point (weights off any common step)
    public void Weights_and_residual_weights_decode_together_to_the_same_doubles(int count, bool quantized)
    {
        var random = new Random(count);
        var w = Enumerable.Range(0, count).Select(_ => quantized ? random.Next(-15, 16) * 6250 : random.Next(-99999, 100000)).ToArray();
        var old = w.Select(u => Math.Clamp(u + random.Next(-900, 900), -100000, 100000)).ToArray();
        var (reference, residual) = TraceEncoder.EncodeWithResidual(new DecimalMatrix(1, count, 5, w), new DecimalMatrix(1, count, 5, old), "weights");
        Assert.Equal(quantized ? TensorEncoding.LevelsI8 : TensorEncoding.FixedI32, reference.Encoding);
        var (values, before) = TensorCodec.DecodeValuesWithResidual(reference, "weights", residual, "old");
        // Bit for bit what decoding each alone gives, and what parsing the decimal text gives.
        Assert.Equal(TensorCodec.DecodeValues(reference, "weights").Select(BitConverter.DoubleToInt64Bits), values.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(TensorCodec.DecodeValues(residual, "old", reference).Select(BitConverter.DoubleToInt64Bits), before.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(old.Select(u => BitConverter.DoubleToInt64Bits(double.Parse($"{u / 100000m}", System.Globalization.CultureInfo.InvariantCulture))),
            before.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Residuals_with_different_decimals_use_the_finer_grid()
    {
        var a = new DecimalMatrix(1, 2, 2, [50, -25]);      // 0.5, -0.25
        var b = new DecimalMatrix(1, 2, 5, [50001, -25000]);
        var (reference, residual) = TraceEncoder.EncodeWithResidual(a, b, "weights");
        Assert.Equal([0.50001, -0.25], TensorCodec.DecodeValues(residual, "b", reference));
        Assert.Equal([0.5, -0.25], TensorCodec.DecodeValues(reference, "a"));
    }

    [Fact]
    public void Floats_round_trip_bit_for_bit()
    {
        var f = new[] { 0.1f, -3.5e-7f, float.Epsilon, 1f };
        Assert.Equal(f.Select(x => (double)x), TensorCodec.DecodeValues(TensorCodec.EncodeFloat32(f, [4]), "f"));
        var d = new[] { 0.1, -3.5e-300, Math.PI };
        Assert.Equal(d, TensorCodec.DecodeValues(TensorCodec.EncodeFloat64(d, [3]), "d"));
    }

    [Fact]
    public void Bits_round_trip()
    {
        var b = V2CsvReader.ParseBits("0,1,1\n1,0,0\n1,1,1\n"u8, "b");
        var t = TraceEncoder.EncodeBits(b);
        var back = TraceEncoder.DecodeBits(t, "b");
        Assert.Equal(b.Packed, back.Packed);
        Assert.True(back[0, 1] && back[0, 2] && !back[0, 0] && back[2, 2]);
        Assert.Equal(6, back.CountOnes());
    }

    [Fact]
    public void When_a_payload_is_damaged_then_decoding_names_the_tensor_and_the_checksum()
    {
        var t = TensorCodec.EncodeFixed(Enumerable.Range(0, 256).ToArray(), 5, [256]);
        t.Crc32 ^= 1;
        var ex = Assert.Throws<TraceFormatException>(() => TensorCodec.DecodeValues(t, "layer 3 weights"));
        Assert.Contains("layer 3 weights", ex.Message);
        Assert.Contains("checksum", ex.Message);
        var broken = TensorCodec.EncodeFixed(Enumerable.Range(0, 256).ToArray(), 5, [256]);
        broken.Data = Google.Protobuf.ByteString.CopyFrom(broken.Data.Span[..(broken.Data.Length / 2)]);
        Assert.Throws<TraceFormatException>(() => TensorCodec.DecodeValues(broken, "x"));

        // Weights and their residual decode at once: a damaged one is still named, whichever it is.
        var w = Enumerable.Range(0, 300).Select(i => i * 7 - 1000).ToArray();
        var (reference, residual) = TraceEncoder.EncodeWithResidual(new DecimalMatrix(1, 300, 5, w), new DecimalMatrix(1, 300, 5, [.. w.Select(u => u + 3)]), "weights");
        residual.Crc32 ^= 1;
        ex = Assert.Throws<TraceFormatException>(() => TensorCodec.DecodeValuesWithResidual(reference, "layer 2 weights", residual, "layer 2 weights before update"));
        Assert.Contains("layer 2 weights before update", ex.Message);
        residual.Crc32 ^= 1;
        reference.Crc32 ^= 1;
        ex = Assert.Throws<TraceFormatException>(() => TensorCodec.DecodeValuesWithResidual(reference, "layer 2 weights", residual, "layer 2 weights before update"));
        Assert.Contains("layer 2 weights: checksum", ex.Message);
    }

    [Fact]
    public void When_shape_and_data_disagree_then_encoding_refuses()
    {
        Assert.Throws<ArgumentException>(() => TensorCodec.EncodeFixed([1, 2, 3], 5, [2, 2]));
    }
}
