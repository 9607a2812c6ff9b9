using System.Globalization;
using System.Text;
using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.Core.Traces.V2;

/// <summary>Writes layer_record CSVs as the V2.0 wrapper does: <c>%10.5f</c> values or 0/1 bits joined by ','.</summary>
public static class V2CsvWriter
{
    /// <summary>Exact decimals, each right-aligned to width 10 (the wrapper's <c>%10.5f</c> for 5 decimals).</summary>
    public static void WriteDecimals(Stream output, DecimalMatrix m)
    {
        var buffer = new StringBuilder(m.Columns * 11);
        var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 20);
        Span<char> cell = stackalloc char[24];
        for (var r = 0; r < m.Rows; r++)
        {
            buffer.Clear();
            for (var c = 0; c < m.Columns; c++)
            {
                if (c > 0) buffer.Append(',');
                var n = FormatUnits(m.Units[r * m.Columns + c], m.Decimals, cell);
                buffer.Append(' ', Math.Max(0, 10 - n)).Append(cell[..n]);
            }
            buffer.Append('\n');
            writer.Write(buffer);
        }
        writer.Flush();
    }

    /// <summary>Doubles rounded to 5 decimals, width 10 (for tensors kept at full precision).</summary>
    public static void WriteDoubles(Stream output, double[] values, int rows, int columns)
    {
        var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 20);
        var buffer = new StringBuilder(columns * 11);
        for (var r = 0; r < rows; r++)
        {
            buffer.Clear();
            for (var c = 0; c < columns; c++)
            {
                if (c > 0) buffer.Append(',');
                buffer.Append(values[r * columns + c].ToString("F5", CultureInfo.InvariantCulture).PadLeft(10));
            }
            buffer.Append('\n');
            writer.Write(buffer);
        }
        writer.Flush();
    }

    public static void WriteBits(Stream output, BitMatrix bits)
    {
        var line = new byte[bits.Columns * 2];
        for (var r = 0; r < bits.Rows; r++)
        {
            for (var c = 0; c < bits.Columns; c++)
            {
                line[2 * c] = bits[r, c] ? (byte)'1' : (byte)'0';
                line[2 * c + 1] = c == bits.Columns - 1 ? (byte)'\n' : (byte)',';
            }
            output.Write(line);
        }
    }

    private static int FormatUnits(int units, int decimals, Span<char> dest)
    {
        var negative = units < 0;
        var abs = Math.Abs((long)units);
        var p = (long)TensorCodec.PowerOfTen(decimals);
        var integer = abs / p;
        var fraction = abs % p;
        var n = 0;
        if (negative) dest[n++] = '-';
        integer.TryFormat(dest[n..], out var w, provider: CultureInfo.InvariantCulture);
        n += w;
        if (decimals > 0)
        {
            dest[n++] = '.';
            fraction.TryFormat(dest[n..], out w, "D" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            n += w;
        }
        return n;
    }
}
