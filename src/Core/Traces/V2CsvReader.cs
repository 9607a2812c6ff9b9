using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.Core.Traces;

/// <summary>
/// Reads the V2.0 wrapper's layer_record CSVs (<c>%10.5f</c> weights joined by ',', or 0/1 input bits)
/// straight from bytes. Every error names the file, line and column (1-based).
/// </summary>
public static class V2CsvReader
{
    /// <summary>
    /// Reads a matrix of plain decimal numbers (optional sign, digits, optional fraction of up to
    /// <see cref="TensorCodec.MaxDecimals"/> digits) kept exactly as integer units.
    /// </summary>
    /// <param name="maxAbs">When given, a value whose magnitude exceeds it is an error.</param>
    /// <param name="expectedColumns">When given, every row must have this many values (else the first row sets it).</param>
    public static DecimalMatrix ReadDecimals(string path, double? maxAbs = null, int? expectedColumns = null) =>
        ParseDecimals(ReadAll(path), path, maxAbs, expectedColumns);

    public static BitMatrix ReadBits(string path, int? expectedColumns = null) => ParseBits(ReadAll(path), path, expectedColumns);

    /// <summary>
    /// An input trace as the reference's model reads it (RD-116): each row's first <paramref name="columns"/> bits. Rows may be
    /// longer (V2.1's wrapper traces a convolution's input with its padding: H·W positions a row, where the model reads
    /// (H−k+1)·(W−k+1)); every row must have the first row's length, and none may be shorter.
    /// </summary>
    public static BitMatrix ReadLeadingBits(string path, int columns) => ParseBits(ReadAll(path), path, columns, leadingOnly: true);

    private static byte[] ReadAll(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TraceFormatException(path, ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : ex.Message, inner: ex);
        }
    }

    public static DecimalMatrix ParseDecimals(ReadOnlySpan<byte> text, string source, double? maxAbs = null, int? expectedColumns = null)
    {
        const int Scale9 = TensorCodec.MaxDecimals;
        var units = new List<long>(Math.Max(16, text.Length / 10));
        var maxDecimals = 0;
        var (rows, cols) = ForEachCell(text, source, expectedColumns, false, (cell, line, column) =>
        {
            if (!TryParseDecimal(cell, out var mantissa, out var decimals, out var bad))
                throw new TraceFormatException(source, bad, line, column);
            if (decimals > maxDecimals) maxDecimals = decimals;
            // Units of 1e-9 must hold the value exactly: an unchecked product wrapped 18446744074 to 0.29044.
            var scale = Pow10L(Scale9 - decimals);
            if (Math.Abs(mantissa) > long.MaxValue / scale)
                throw new TraceFormatException(source, $"value {Text(cell)} is too large to read exactly (at most {long.MaxValue / 1_000_000_000} in magnitude)", line, column);
            var u9 = mantissa * scale;
            if (maxAbs is { } m && Math.Abs(u9) > m * 1e9)
                throw new TraceFormatException(source, $"value {Text(cell)} is outside [-{m}, {m}]", line, column);
            units.Add(u9);
        });
        var div = Pow10L(Scale9 - maxDecimals);
        var result = new int[units.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var u = units[i] / div;
            if (u is > int.MaxValue or < int.MinValue)
            {
                var (r, c) = (i / cols + 1, i % cols + 1);
                throw new TraceFormatException(source, $"value too large for {maxDecimals} decimals", r, c);
            }
            result[i] = (int)u;
        }
        return new DecimalMatrix(rows, cols, maxDecimals, result);
    }

    public static BitMatrix ParseBits(ReadOnlySpan<byte> text, string source, int? expectedColumns = null, bool leadingOnly = false)
    {
        var packed = new List<byte>(text.Length / 16 + 1);
        byte acc = 0;
        long bitCount = 0;
        var (rows, cols) = ForEachCell(text, source, expectedColumns, leadingOnly, (raw, line, column) =>
        {
            var cell = Trim(raw);
            int bit;
            if (cell.Length == 1 && cell[0] is (byte)'0' or (byte)'1') bit = cell[0] - '0';
            else if (TryParseDecimal(cell, out var m, out _, out _) && m == 0) bit = 0;
            else if (TryParseDecimal(cell, out m, out var d, out _) && m == Pow10L(d)) bit = 1;
            else throw new TraceFormatException(source, $"input bit '{Text(cell)}' is not 0 or 1", line, column);
            if (bit == 1) acc |= (byte)(1 << (int)(bitCount & 7));
            bitCount++;
            if ((bitCount & 7) == 0) { packed.Add(acc); acc = 0; }
        });
        if ((bitCount & 7) != 0) packed.Add(acc);
        return new BitMatrix(rows, cols, packed.ToArray());
    }

    private delegate void CellHandler(ReadOnlySpan<byte> cell, long line, int column);

    /// <summary>
    /// Walks a comma-separated matrix cell by cell (lines end in LF or CRLF; a trailing comma and a last blank line are
    /// allowed): every row must have the first row's number of cells, or <paramref name="expectedColumns"/>. With
    /// <paramref name="leadingOnly"/>, rows of the first row's length, at least <paramref name="expectedColumns"/>, are read up to
    /// that many cells (the rest is checked for its count only).
    /// </summary>
    private static (int Rows, int Cols) ForEachCell(ReadOnlySpan<byte> text, string source, int? expectedColumns, bool leadingOnly, CellHandler onCell)
    {
        int rows = 0, cols = expectedColumns ?? -1;
        var why = expectedColumns is null ? "as in line 1" : "from NetWork.csv";
        var rowLength = -1;   // leadingOnly: the first row's length, which every row must have
        var keep = leadingOnly && expectedColumns is { } e ? e : int.MaxValue;
        long line = 0;
        var pos = 0;
        while (pos < text.Length)
        {
            line++;
            var end = text[pos..].IndexOf((byte)'\n');
            var lineSpan = end < 0 ? text[pos..] : text.Slice(pos, end);
            pos = end < 0 ? text.Length : pos + end + 1;
            if (lineSpan.Length > 0 && lineSpan[^1] == '\r') lineSpan = lineSpan[..^1];
            if (IsBlank(lineSpan))
            {
                if (pos >= text.Length) break;
                throw new TraceFormatException(source, "empty line inside the matrix", line);
            }
            var count = 0;
            var cellStart = 0;
            for (var i = 0; i <= lineSpan.Length; i++)
            {
                if (i < lineSpan.Length && lineSpan[i] != ',') continue;
                var cell = lineSpan[cellStart..i];
                cellStart = i + 1;
                if (i == lineSpan.Length && count > 0 && IsBlank(cell) && (leadingOnly ? rowLength < 0 || rowLength == count : cols < 0 || cols == count)) break; // trailing comma
                count++;
                if (count <= keep) onCell(cell, line, count);
            }
            if (leadingOnly)
            {
                if (count < cols) throw new TraceFormatException(source, $"row has {count} values, expected at least {cols} ({why})", line);
                if (rowLength < 0) rowLength = count;
                else if (count != rowLength) throw new TraceFormatException(source, $"row has {count} values, line 1 has {rowLength}", line);
            }
            else if (cols < 0) cols = count;
            else if (count != cols)
                throw new TraceFormatException(source, $"row has {count} values, expected {cols} ({why})", line);
            rows++;
        }
        if (rows == 0) throw new TraceFormatException(source, "file is empty");
        return (rows, cols);
    }

    private static bool TryParseDecimal(ReadOnlySpan<byte> cell, out long mantissa, out int decimals, out string why)
    {
        cell = Trim(cell);
        mantissa = 0;
        decimals = 0;
        why = "";
        if (cell.IsEmpty) { why = "empty cell"; return false; }
        var i = 0;
        var negative = false;
        if (cell[0] is (byte)'-' or (byte)'+') { negative = cell[0] == '-'; i++; }
        var digits = 0;
        var seenPoint = false;
        for (; i < cell.Length; i++)
        {
            var c = cell[i];
            if (c is >= (byte)'0' and <= (byte)'9')
            {
                if (seenPoint)
                {
                    if (decimals == TensorCodec.MaxDecimals)
                    {
                        if (c != '0') { why = $"'{Text(cell)}' has more than {TensorCodec.MaxDecimals} decimals"; return false; }
                        continue;
                    }
                    decimals++;
                }
                if (++digits > 18) { why = $"'{Text(cell)}' has too many digits"; return false; }
                mantissa = mantissa * 10 + (c - '0');
            }
            else if (c == '.' && !seenPoint) seenPoint = true;
            else { why = $"'{Text(cell)}' is not a number"; return false; }
        }
        if (digits == 0) { why = $"'{Text(cell)}' is not a number"; return false; }
        if (negative) mantissa = -mantissa;
        return true;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        var a = 0;
        var b = s.Length;
        while (a < b && s[a] is (byte)' ' or (byte)'\t') a++;
        while (b > a && s[b - 1] is (byte)' ' or (byte)'\t') b--;
        return s[a..b];
    }

    private static bool IsBlank(ReadOnlySpan<byte> s) => Trim(s).IsEmpty;

    private static string Text(ReadOnlySpan<byte> s) => System.Text.Encoding.UTF8.GetString(Trim(s));

    private static long Pow10L(int n)
    {
        long p = 1;
        for (var i = 0; i < n; i++) p *= 10;
        return p;
    }
}
