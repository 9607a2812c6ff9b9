using NeuroSim.Replay.Recorder.Model;
using NeuroSim.Replay.Recorder.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Tests;

/// <summary>Traces as V2.0's hook writes them, wage_init, and network descriptions.</summary>
public sealed class TraceAndModelTests
{
    private static string Bits(ChipModel.Traces.BitMatrix m, int row) =>
        string.Concat(Enumerable.Range(0, m.Columns).Select(c => m[row, c] ? '1' : '0'));

    [Fact]
    public void Inputs_become_twos_complement_bits_sign_first()
    {
        // 8 bits, delta 1/128: 0.5 -> 64 -> 0|1000000; -0.25 -> -32 -> 1|1100000 (−128 + 96); 0.999 saturates at 127.
        var m = TraceCapture.InputBits(tensor(new[] { 0.5f, -0.25f, 0.999f, 0f }), 1, convolution: false, bits: 8);
        Assert.Equal((4, 8), (m.Rows, m.Columns));
        Assert.Equal("01000000", Bits(m, 0));
        Assert.Equal("11100000", Bits(m, 1));
        Assert.Equal("01111111", Bits(m, 2));
        Assert.Equal("00000000", Bits(m, 3));
    }

    [Fact]
    public void Convolution_inputs_are_unpadded_windows_channel_major()
    {
        // 2 channels of 4x4, kernel 3: (4-3+1)^2 = 4 windows of 2·3·3 = 18 rows; value = channel + (i·4 + j)/64.
        var values = new float[2 * 4 * 4];
        for (var c = 0; c < 2; c++)
            for (var i = 0; i < 16; i++) values[c * 16 + i] = (c * 16 + i) / 128f;
        var m = TraceCapture.InputBits(tensor(values).reshape(2, 4, 4), 3, convolution: true, bits: 8);
        Assert.Equal((18, 4 * 8), (m.Rows, m.Columns));
        // Window 1 (row 0, column 1), row 9 = channel 1, kernel (0,0) -> pixel (0,1) of channel 1 = 17/128 -> 00010001.
        Assert.Equal("00010001", Bits(m, 9).Substring(8, 8));
        // Window 3 (row 1, column 1), row 4 = channel 0, kernel (1,1) -> pixel (2,2) = 10/128 -> 00001010.
        Assert.Equal("00001010", Bits(m, 4).Substring(24, 8));
    }

    [Fact]
    public void Weights_are_traced_to_five_decimals_as_rows_of_inputs()
    {
        var w = tensor(new[] { 0.0625f, -0.123456f, 0.5f, 1f / 3 }).reshape(2, 2);   // [cout=2, cin=2]
        var d = TraceCapture.Decimals(w.t());
        Assert.Equal(5, d.Decimals);
        Assert.Equal(new[] { 6250, 50000, -12346, 33333 }, d.Units);
    }

    [Theory]   // wage_init by hand: limit √(3/fan_in), Wm = 1.5·16/2^(5−1) = 1.5, scale 2^round(log2(Wm/limit))
    [InlineData(27, 1.5, 4)]        // VGG-8 conv1: 3·3·3
    [InlineData(1152, 1.5, 32)]     // conv2: 128·3·3
    [InlineData(8192, 1.5, 64)]     // fc1
    [InlineData(1024, 1.5, 32)]     // fc2
    public void Wage_init_gives_each_layer_a_power_of_two_scale(int fanIn, double limit, double scale)
    {
        var (l, s) = WageLayer.InitRange(fanIn, 5);
        Assert.Equal(limit, l, 12);
        Assert.Equal(scale, s);
    }

    [Fact]
    public void Vgg8_is_V2s_network_and_its_chip_rows_match_NetWork_csv()
    {
        using var net = new WageNetwork(Models.Vgg8, 5, 8, 8, new Generator(1));
        var rows = net.Network.Layers.Select(l => $"{l.IfmHeight},{l.IfmWidth},{l.IfmChannels},{l.KernelHeight},{l.KernelWidth},{l.OfmChannels},{(l.FollowedByMaxPool ? 1 : 0)},{l.Stride}");
        Assert.Equal(new[]
        {
            "32,32,3,3,3,128,0,1", "32,32,128,3,3,128,1,1", "16,16,128,3,3,256,0,1", "16,16,256,3,3,256,1,1",
            "8,8,256,3,3,512,0,1", "8,8,512,3,3,512,1,1", "1,1,8192,1,1,1024,0,1", "1,1,1024,1,1,10,0,1",
        }, rows);
        using var y = net.forward(zeros(2, 3, 32, 32));
        Assert.Equal(new long[] { 2, 10 }, y.shape);
    }

    [Fact]
    public void Spec_files_describe_networks_and_errors_name_the_line()
    {
        var d = Models.ParseSpec("# tiny\ninput 1 8 8\nconv 4 3\npool\nfc 10\n", "tiny.net");
        Assert.Equal(3, d.Steps.Count);
        using var net = new WageNetwork(d, 5, 8, 8, new Generator(1));
        Assert.Equal(64, net.Network.Layers[1].IfmChannels);   // 4 channels of 4x4 after pooling
        var e = Assert.Throws<FormatException>(() => Models.ParseSpec("input 1 8 8\nconv 4\n", "bad.net"));
        Assert.Contains("bad.net:2", e.Message);
        Assert.Contains("bad.net:1", Assert.Throws<FormatException>(() => Models.ParseSpec("dense 3\n", "bad.net")).Message);
        Assert.Throws<ArgumentException>(() => new WageNetwork(Models.ParseSpec("input 1 8 8\nfc 10\nconv 4 3\n", "x"), 5, 8, 8, new Generator(1)));
    }
}
