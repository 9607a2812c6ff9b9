using NeuroSim.Replay.ChipModel.Network;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.Core.Traces.V2;

namespace NeuroSim.Replay.Core.Tests.Traces;

public sealed class TraceCommandTests
{
    [Fact]
    public void Parses_the_wrappers_command_and_writes_it_back()
    {
        const string text = "./NeuroSIM/main 7 ./NeuroSIM/NetWork.csv 5 8 ./layer_record/weightConv0_.csv ./layer_record/weightOldConv0_.csv ./layer_record/inputConv0_.csv 0.4364763374485597 ";
        var c = TraceCommand.Parse(text, "trace_command.sh");
        Assert.Equal((7, 5, 8), (c.Epoch, c.WeightBits, c.ActivationBits));
        Assert.Equal(0.4364763374485597, c.Layers.Single().Activity);
        Assert.Equal("Conv0", V2TraceFolder.LayerNameFromFile(c.Layers[0].WeightFile));
        Assert.Equal(c, TraceCommand.Parse(c.ToShell(), "again") with { Layers = c.Layers });
        Assert.Equal(c.Layers, TraceCommand.Parse(c.ToShell(), "again").Layers);
    }

    [Theory]
    [InlineData("", "holds no command line")]
    [InlineData("./NeuroSIM/main 0 net.csv 5", "found 4 words")]
    [InlineData("./NeuroSIM/main 0 net.csv 5 8 w.csv o.csv i.csv 1.5", "activity of layer 0 is 1.5")]
    [InlineData("./NeuroSIM/main 0 net.csv 0 8 w.csv o.csv i.csv 0.5", "wl_weight 0 is out of range")]
    public void When_the_command_is_malformed_then_the_error_says_where(string text, string expected)
    {
        var ex = Assert.Throws<TraceFormatException>(() => TraceCommand.Parse(text, "trace_command.sh"));
        Assert.StartsWith("trace_command.sh", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Network_csv_rows_become_layers_with_V2_shapes()
    {
        var n = NetworkSpec.ParseCsv("32,32,3,3,3,128,0,1\r\n1,1,8192,1,1,1024,0,1\r\n", "NetWork.csv");
        Assert.Equal(27, n.Layers[0].WeightRows);
        Assert.Equal(900, n.Layers[0].InputPositions);
        Assert.True(n.Layers[1].IsFullyConnected);
        Assert.Equal(1, n.Layers[1].InputPositions);
        Assert.Equal("32,32,3,3,3,128,0,1\n1,1,8192,1,1,1024,0,1\n", n.ToCsv());
        var ex = Assert.Throws<TraceFormatException>(() => NetworkSpec.ParseCsv("32,32,3,3,3,128,2,1", "NetWork.csv"));
        Assert.Equal("NetWork.csv:1:7: max-pool flag 2 is out of range (0 or 1)", ex.Message);
    }
}
