using NeuroSim.Replay.ChipModel.Circuit;
using NeuroSim.Replay.ChipModel.Circuit.Periphery;
using NeuroSim.Replay.ChipModel.Circuit.Technology;
using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.Core.Tests.Circuit;

/// <summary>
/// Reference behaviours we keep at the edges of the periphery's layouts and timing (docs/reference-deviations.md):
/// no room for one unit (RD-27), a unit larger than its space (RD-28), the 1-bit comparator (RD-30).
/// </summary>
public sealed class PeripheryEdgeTests
{
    private static readonly CircuitContext C = new(TechnologyParameters.Create(32, DeviceRoadmap.Lstp), 301);

    [Fact]
    public void No_room_for_one_register_gives_the_references_INT_MIN_layout()
    {
        // RD-27: (int)ceil(n / 0.0) is INT_MIN on x86, so a column too short for one DFF lays out with a negative width
        // (caught downstream as "periphery does not fit", RD-48).
        var dff = new Dff(C, 57, 1e9);
        var one = dff.Layout();
        var tooShort = dff.Layout(one.Height / 2, 0);
        Assert.True(tooShort.Width < 0, $"width {tooShort.Width}");
        Assert.Equal(one.Width / 57 * int.MinValue, tooShort.Width, 1e-12 * Math.Abs(tooShort.Width));
        // With room for every register in one column, the layout is the ordinary one.
        var fits = dff.Layout(one.Height * 57, 0);
        Assert.Equal(one.Width / 57, fits.Width, 1e-18);
    }

    [Fact]
    public void An_adder_or_mux_larger_than_its_space_is_left_with_zero_area()
    {
        // RD-28: the reference prints an error and leaves the layout at 0; so do we (without printing).
        var adder = new Adder(C, 9, 16);
        var column = adder.Layout(1e-5, 0);
        Assert.True(column.Area > 0);
        var tooShort = adder.Layout(column.Height / 1e6, 0);
        Assert.Equal((0.0, 0.0), (tooShort.Height, tooShort.Width));

        var mux = new Mux(C, 16, 8, 1e3, true, 0.5);
        var row = mux.Layout(0, 1e-3).Footprint;
        Assert.True(row.Area > 0);
        var tooNarrow = mux.Layout(0, 1e-12).Footprint;
        Assert.Equal((0.0, 0.0), (tooNarrow.Height, tooNarrow.Width));
    }

    [Fact]
    public void A_one_bit_comparator_counts_its_middle_bits_minus_once()
    {
        // RD-30: latency = first bit + middle bits × (numBit − 2) + last bit, so L(n) is linear in n down to n = 1,
        // where the middle bits count −1 times: L(1) = 2·L(2) − L(3), below L(2).
        double Latency(int bits) => new Comparator(C, bits, 4).ReadLatency(1e20, 1e-15, 3);
        var (l1, l2, l3) = (Latency(1), Latency(2), Latency(3));
        Assert.True(l3 > l2, $"{l3} > {l2}");
        Assert.Equal(2 * l2 - l3, l1, 1e-9 * l2);
        Assert.True(l1 < l2);
    }
}
