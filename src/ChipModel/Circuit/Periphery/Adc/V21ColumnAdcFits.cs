namespace NeuroSim.Replay.ChipModel.Circuit.Periphery.Adc;

/// <summary>
/// RD-115: V2.1's column-power fits of the voltage-mode sense amp and the SAR ADC (DNN_NeuroSim_V2.1 MultilevelSenseAmp.cpp and
/// SarADC.cpp, GetColumnPower; tests/ReferenceRunsV21/NOTES.md §4–5): a constant part per node and roadmap plus
/// d·x^c of the normalized column resistance x, the (d, c) pair shared by both.
/// </summary>
public static class V21ColumnAdcFits
{
    /// <summary>The x-dependent part (d, c), per roadmap and node (7 nm for any other node).</summary>
    public static (double D, double C) ResistanceTerm(bool highPerformance, int technode) => (highPerformance, technode) switch
    {
        (true, 130) => (0.207452, -2.367),
        (true, 90) => (0.164900, -2.345),
        (true, 65) => (0.128483, -2.321),
        (true, 45) => (0.097754, -2.296),
        (true, 32) => (0.083709, -2.313),
        (true, 22) => (0.084273, -2.311),
        (true, 14) => (0.060584, -2.311),
        (true, 10) => (0.049418, -2.311),
        (true, _) => (0.040310, -2.311),
        (false, 130) => (0.169380, -2.303),
        (false, 90) => (0.144323, -2.303),
        (false, 65) => (0.121272, -2.303),
        (false, 45) => (0.100225, -2.303),
        (false, 32) => (0.079449, -2.297),
        (false, 22) => (0.072341, -2.303),
        (false, 14) => (0.061085, -2.303),
        (false, 10) => (0.051580, -2.303),
        (false, _) => (0.043555, -2.303),
    };

    /// <summary>Voltage-mode sense amp: a·(levelOutput − 1) µW of comparators per column.</summary>
    public static double VoltageSenseAmpBase(bool highPerformance, int technode, int levelOutput)
    {
        var perLevel = (highPerformance, technode) switch
        {
            (true, 130) => 27.84,
            (true, 90) => 22.2,
            (true, 65) => 13.058,
            (true, 45) => 8.162,
            (true, 32) => 4.76,
            (true, 22) => 2.373,
            (true, 14) => 1.467,
            (true, 10) => 0.9077,
            (true, _) => 0.5614,
            (false, 130) => 23.4,
            (false, 90) => 14.42,
            (false, 65) => 10.18,
            (false, 45) => 7.062,
            (false, 32) => 3.692,
            (false, 22) => 1.866,
            (false, 14) => 1.126,
            (false, 10) => 0.6917,
            (false, _) => 0.4211,
        };
        return perLevel * (levelOutput - 1) * 1e-6;
    }

    /// <summary>SAR ADC: (a·log2(levelOutput) + b) µW per column.</summary>
    public static double SarBase(bool highPerformance, int technode, int levelOutput)
    {
        var (a, b) = (highPerformance, technode) switch
        {
            (true, 130) => (6.4806, 49.047),
            (true, 90) => (4.3474, 31.782),
            (true, 65) => (2.9503, 22.047),
            (true, 45) => (2.1843, 11.931),
            (true, 32) => (1.0157, 7.6286),
            (true, 22) => (0.7213, 3.3041),
            (true, 14) => (0.4710, 1.9529),
            (true, 10) => (0.3076, 1.1543),
            (true, _) => (0.2008, 0.6823),
            (false, 130) => (8.4483, 65.243),
            (false, 90) => (5.9869, 37.462),
            (false, 65) => (3.7506, 25.844),
            (false, 45) => (2.1691, 16.693),
            (false, 32) => (1.1294, 8.8998),
            (false, 22) => (0.538, 4.3753),
            (false, 14) => (0.3132, 2.5681),
            (false, 10) => (0.1823, 1.5073),
            (false, _) => (0.1061, 0.8847),
        };
        return (a * Math.Log2(levelOutput) + b) * 1e-6;
    }

    /// <summary>A SAR conversion: log2(levelOutput) + 1 cycles of 1 ns, whatever the columns (SarADC.cpp CalculateLatency).</summary>
    public static double SarConversion(int levelOutput) => (Math.Log2(levelOutput) + 1) * 1e-9;
}
