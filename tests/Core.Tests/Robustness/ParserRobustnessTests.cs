using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Network;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.Core.Traces.V2;

namespace NeuroSim.Replay.Core.Tests.Robustness;

/// <summary>Issue 19: every hand-written number parser either represents a value exactly or names file, line and column.</summary>
public sealed class ParserRobustnessTests
{
    [Theory]
    [InlineData("0.1,18446744074\n")]          // 18446744074e9 units wraps a long to 0.29044
    [InlineData("0.1,-18446744074\n")]
    [InlineData("0.1,9223372037\n")]            // just past long.MaxValue / 1e9
    [InlineData("0.1,999999999999999999\n")]    // 18 digits
    public void A_decimal_the_parser_cannot_hold_is_an_error_naming_file_line_and_column(string text)
    {
        var ex = Assert.Throws<TraceFormatException>(() => V2CsvReader.ParseDecimals(System.Text.Encoding.ASCII.GetBytes(text), "w.csv"));
        Assert.Equal((1, 2), (ex.Line, ex.Column));
        Assert.StartsWith("w.csv:1:2: ", ex.Message);
    }

    [Fact]
    public void A_decimal_at_the_edge_is_still_read_exactly()
    {
        var m = V2CsvReader.ParseDecimals("9.00000,-0.00001\n"u8, "w.csv");
        Assert.Equal([900000, -1], m.Units);
    }

    [Fact]
    public void A_bit_cell_with_a_huge_number_is_an_error_not_a_wrapped_value()
    {
        var ex = Assert.Throws<TraceFormatException>(() => V2CsvReader.ParseBits("0,18446744074\n"u8, "in.csv"));
        Assert.Equal("in.csv:1:2: input bit '18446744074' is not 0 or 1", ex.Message);
    }

    [Theory]
    [InlineData("1/1e400")]                 // an infinite literal divided away
    [InlineData("1e300*1e300/1e300")]       // an intermediate overflow
    [InlineData("1e-400")]                  // a non-zero literal that underflows to 0
    [InlineData("0*1e400")]
    public void A_cpp_literal_that_a_double_cannot_hold_is_refused(string literal)
    {
        Assert.False(CppLiteral.TryEvaluate(literal, out _, out var why));
        Assert.Contains(literal, why);
    }

    [Theory]
    [InlineData(60_000, '(')]
    [InlineData(60_000, '-')]
    public void A_deeply_nested_literal_is_a_named_error_not_a_stack_overflow(int depth, char open)
    {
        var text = open == '(' ? new string('(', depth) + "1" + new string(')', depth) : new string('-', depth) + "1";
        var ex = Assert.Throws<ConfigException>(() => HardwareConfigParser.ApplyText(HardwareConfig.Default, $"# chip\nclkFreq={text}\n", "chip.txt"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("clkFreq", "chip.txt", 2), (error.Key, error.Source, error.Line));
        Assert.Contains($"deeper than {CppLiteral.MaxDepth}", error.Message);
    }

    [Fact]
    public void A_literal_nested_up_to_the_limit_still_evaluates()
    {
        var d = CppLiteral.MaxDepth - 1;
        Assert.True(CppLiteral.TryEvaluate(new string('(', d) + "2e9" + new string(')', d), out var v, out var why), why);
        Assert.Equal(2e9, v);
    }

    [Theory]
    [InlineData("32,32,3,3,3,99999999999,0,1")]
    [InlineData("32,32,3,3,3,1e3,0,1")]
    public void A_network_cell_out_of_int_range_names_line_and_column(string row)
    {
        var ex = Assert.Throws<TraceFormatException>(() => NetworkSpec.ParseCsv("32,32,3,3,3,8,0,1\n" + row + "\n", "NetWork.csv"));
        Assert.Equal((2, 6), (ex.Line, ex.Column));
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void A_trace_command_activity_that_is_not_a_finite_number_is_refused(string activity)
    {
        var ex = Assert.Throws<TraceFormatException>(() => TraceCommand.Parse($"./NeuroSIM/main 1 ./NeuroSIM/NetWork.csv 5 8 w.csv wo.csv in.csv {activity}\n", "trace_command.sh"));
        Assert.Equal(1, ex.Line);
    }
}
