using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Traces;
using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Training;

/// <summary>
/// Turns tensors into V2.0's trace matrices (utee/hook.py): weights to five decimals ("%10.5f"), and a layer's
/// input as bits — for a convolution every k×k window without padding (stretch_input), each value written as
/// <c>wl_activate</c> two's-complement bits, sign first (dec2bin), window-major columns.
/// </summary>
public static class TraceCapture
{
    public const int WeightDecimals = 5;

    public static DecimalMatrix Decimals(Tensor matrix)
    {
        var rows = (int)matrix.shape[0];
        var cols = (int)matrix.shape[1];
        // Read in place (float32 widens to double exactly, as to_type(Float64) would): no tensor pass, no copy.
        var dense = matrix.dtype is ScalarType.Float32 or ScalarType.Float64 ? matrix.contiguous() : matrix.to_type(ScalarType.Float64).contiguous();
        var units = new int[rows * cols];
        if (dense.dtype == ScalarType.Float32)
        {
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(dense.bytes);
            for (var i = 0; i < units.Length; i++) units[i] = (int)Math.Round(values[i] * 1e5, MidpointRounding.ToEven);
        }
        else
        {
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(dense.bytes);
            for (var i = 0; i < units.Length; i++) units[i] = (int)Math.Round(values[i] * 1e5, MidpointRounding.ToEven);
        }
        return new DecimalMatrix(rows, cols, WeightDecimals, units);
    }

    /// <summary>One image's input to a layer ([C, H, W] for a convolution with kernel k, [F] for fc) as V2.0's bit matrix.</summary>
    public static BitMatrix InputBits(Tensor input, int kernel, bool convolution, int bits)
    {
        var x = input.to_type(ScalarType.Float64).contiguous();
        double[] windows;
        int rows, positions;
        if (convolution)
        {
            var c = (int)x.shape[0];
            var h = (int)x.shape[1];
            var w = (int)x.shape[2];
            var v = x.data<double>().ToArray();
            int oh = h - kernel + 1, ow = w - kernel + 1;
            if (oh < 1 || ow < 1) throw new ArgumentException($"input {h}x{w} is smaller than the {kernel}x{kernel} kernel");
            rows = c * kernel * kernel;
            positions = oh * ow;
            windows = new double[positions * rows];
            var p = 0;
            for (var i = 0; i < oh; i++)
                for (var j = 0; j < ow; j++, p++)
                {
                    var r = 0;
                    for (var ch = 0; ch < c; ch++)
                        for (var a = 0; a < kernel; a++)
                            for (var b = 0; b < kernel; b++)
                                windows[p * rows + r++] = v[(ch * h + i + a) * w + j + b];
                }
        }
        else
        {
            windows = x.flatten().data<double>().ToArray();
            rows = windows.Length;
            positions = 1;
        }
        var columns = positions * bits;
        var packed = new byte[((long)rows * columns + 7) / 8];
        var matrix = new BitMatrix(rows, columns, packed);
        var delta = 1.0 / Math.Pow(2, bits - 1);
        for (var p = 0; p < positions; p++)
            for (var r = 0; r < rows; r++)
            {
                var value = windows[p * rows + r] / delta;
                var baseValue = Math.Pow(2, bits - 1);
                var sign = value < 0 ? 1 : 0;
                var rest = value + baseValue * sign;
                Set(matrix, r, p * bits, sign == 1);
                for (var k = 1; k < bits; k++)
                {
                    baseValue /= 2;
                    var bit = rest >= baseValue;
                    if (bit) rest -= baseValue;
                    Set(matrix, r, p * bits + k, bit);
                }
            }
        return matrix;
    }

    private static void Set(BitMatrix m, int row, int column, bool value)
    {
        if (!value) return;
        var index = (long)row * m.Columns + column;
        m.Packed[index >> 3] |= (byte)(1 << (int)(index & 7));
    }
}
