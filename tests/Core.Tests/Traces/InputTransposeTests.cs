using NeuroSim.Replay.ChipModel.Circuit.Trace;
using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.Core.Tests.Traces;

/// <summary>The input bits by vector, transposed 64x64 bits at a time, hold every bit of the input where it belongs.</summary>
public sealed class InputTransposeTests
{
    [Theory]
    [InlineData(1, 1, 0.5)]
    [InlineData(27, 100, 0.3)]
    [InlineData(64, 64, 0.5)]
    [InlineData(130, 67, 0.2)]
    [InlineData(200, 129, 0.9)]
    [InlineData(1152, 70, 0.05)]
    [InlineData(65, 8, 1.0)]
    public void Every_input_bit_is_at_its_vector_and_row(int rows, int columns, double density)
    {
        var random = new Random(rows * 1000 + columns);
        var packed = new byte[((long)rows * columns + 7) / 8];
        var expected = new bool[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                if (random.NextDouble() >= density) continue;
                expected[r, c] = true;
                var i = (long)r * columns + c;
                packed[i >> 3] |= (byte)(1 << (int)(i & 7));
            }
        var bits = LayerData.TransposeInput(new BitMatrix(rows, columns, packed));
        var words = (rows + 63) / 64;
        Assert.Equal((long)columns * words, bits.LongLength);
        for (var c = 0; c < columns; c++)
            for (var w = 0; w < words; w++)
                for (var b = 0; b < 64; b++)
                {
                    var r = w * 64 + b;
                    var bit = (bits[(long)c * words + w] >> b & 1) != 0;
                    Assert.True(bit == (r < rows && expected[r, c]), $"vector {c} row {r}: {bit}");
                }
    }
}
