using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Traces;

namespace NeuroSim.Replay.Core.Tests.Traces;

public sealed class V2CsvReaderTests
{
    [Fact]
    public void Reads_the_wrappers_number_format_with_trailing_newline_and_crlf()
    {
        var m = V2CsvReader.ParseDecimals("   0.37500,  -0.43750\r\n  -0.00000,   1.00000\r\n"u8, "w.csv");
        Assert.Equal((2, 2, 5), (m.Rows, m.Columns, m.Decimals));
        Assert.Equal([37500, -43750, 0, 100000], m.Units);
    }

    [Fact]
    public void When_a_row_is_ragged_then_the_error_names_file_and_line()
    {
        var ex = Assert.Throws<TraceFormatException>(() => V2CsvReader.ParseDecimals("0.1,0.2\n0.3\n"u8, "w.csv"));
        Assert.Equal("w.csv:2: row has 1 values, expected 2 (as in line 1)", ex.Message);
    }

    [Fact]
    public void When_a_cell_is_not_a_number_then_the_error_names_line_and_column()
    {
        var ex = Assert.Throws<TraceFormatException>(() => V2CsvReader.ParseDecimals("0.1,0.2,0.3\n0.4,abc,0.6\n"u8, "w.csv"));
        Assert.Equal("w.csv:2:2: 'abc' is not a number", ex.Message);
        ex = Assert.Throws<TraceFormatException>(() => V2CsvReader.ParseDecimals("0.1,,0.3\n"u8, "w.csv"));
        Assert.Equal((1, 2), (ex.Line, ex.Column));
    }

    [Fact]
    public void When_a_weight_is_outside_minus_one_to_one_then_the_error_says_so()
    {
        var ex = Assert.Throws<TraceFormatException>(() => V2CsvReader.ParseDecimals("0.1,0.2\n0.3,-1.00001\n"u8, "w.csv", maxAbs: 1.0));
        Assert.Equal("w.csv:2:2: value -1.00001 is outside [-1, 1]", ex.Message);
    }

    [Fact]
    public void When_a_bit_is_not_0_or_1_then_the_error_names_the_cell()
    {
        var ex = Assert.Throws<TraceFormatException>(() => V2CsvReader.ParseBits("0,1,0\n1,2,0\n"u8, "in.csv"));
        Assert.Equal("in.csv:2:2: input bit '2' is not 0 or 1", ex.Message);
        var ok = V2CsvReader.ParseBits("0.0,1.0\n1,0\n"u8, "in.csv");
        Assert.Equal(2, ok.CountOnes());
    }

    [Fact]
    public void When_the_file_is_empty_or_has_a_hole_then_it_is_refused()
    {
        Assert.Contains("empty", Assert.Throws<TraceFormatException>(() => V2CsvReader.ParseDecimals(""u8, "e.csv")).Message);
        Assert.Contains("empty line", Assert.Throws<TraceFormatException>(() => V2CsvReader.ParseBits("0,1\n\n1,0\n"u8, "e.csv")).Message);
    }

    [Fact]
    public void When_the_file_is_missing_then_the_error_names_it()
    {
        var ex = Assert.Throws<TraceFormatException>(() => V2CsvReader.ReadBits("/nonexistent/inputL0.csv"));
        Assert.Equal("/nonexistent/inputL0.csv: file not found", ex.Message);
    }
}
