using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;

namespace NeuroSim.Replay.Core.Hardware;

/// <summary>
/// Every configuration key with its rule. Names are the reference's Param.cpp field names; each maps
/// to the <see cref="HardwareConfig"/> property of the same name (first letter upper-cased).
/// </summary>
public static class ConfigKeys
{
    private static readonly int[] TechNodes = [130, 90, 65, 45, 32, 22, 14, 10, 7];
    private static readonly int[] WireWidths = [200, 100, 50, 40, 32, 22, 14, -1];

    private static readonly (string Name, string Rule, Func<double, bool> Ok, string Description)[] Rules =
    [
        ("operationmode", "1 (conventional sequential) or 2 (conventional parallel)", v => v is 1 or 2, "read mode of the synaptic array"),
        ("memcelltype", "1 (SRAM), 2 (RRAM) or 3 (FeFET)", v => v is 1 or 2 or 3, "memory cell"),
        ("accesstype", "1 (CMOS), 2 (BJT), 3 (diode) or 4 (none: crossbar)", v => v is 1 or 2 or 3 or 4, "cell access device"),
        ("transistortype", "1 (conventional CMOS)", v => v is 1, "transistor type"),
        ("deviceroadmap", "1 (HP) or 2 (LSTP)", v => v is 1 or 2, "transistor roadmap"),
        ("globalBufferType", "true (SRAM) or false (register file)", _ => true, "global buffer"),
        ("globalBufferCoreSizeRow", "an integer ≥ 1", v => v >= 1, "global buffer core rows"),
        ("globalBufferCoreSizeCol", "an integer ≥ 1", v => v >= 1, "global buffer core columns"),
        ("tileBufferType", "true (SRAM) or false (register file)", _ => true, "tile buffer"),
        ("tileBufferCoreSizeRow", "an integer ≥ 1", v => v >= 1, "tile buffer core rows"),
        ("tileBufferCoreSizeCol", "an integer ≥ 1", v => v >= 1, "tile buffer core columns"),
        ("peBufferType", "true (SRAM) or false (register file)", _ => true, "PE buffer"),
        ("chipActivation", "true (outside tiles) or false (inside tiles)", _ => true, "where activation runs"),
        ("reLu", "true (ReLU) or false (sigmoid)", _ => true, "activation function"),
        ("novelMapping", "true or false", _ => true, "novel (true) or conventional (false) mapping"),
        ("pipeline", "true or false", _ => true, "pipeline (true) or layer-by-layer (false)"),
        ("speedUpDegree", "an integer ≥ 1", v => v >= 1, "clock folding for speed-up"),
        ("algoWeightMax", "a number", double.IsFinite, "algorithm weight maximum"),
        ("algoWeightMin", "a number", double.IsFinite, "algorithm weight minimum"),
        ("clkFreq", "a frequency > 0 (Hz)", v => v > 0 && double.IsFinite(v), "clock frequency"),
        ("featuresize", "a length > 0 (m), e.g. 40e-9", v => v > 0 && v < 1e-5, "wire width of the subarray"),
        ("temp", "an integer from 300 to 400 (K)", v => v is >= 300 and <= 400, "temperature"),
        ("technode", "one of 130, 90, 65, 45, 32, 22, 14, 10, 7 (nm)", v => TechNodes.Contains((int)v), "technology node"),
        ("wireWidth", "one of 200, 100, 50, 40, 32, 22, 14 or -1 (nm; -1: no wire resistance)", v => WireWidths.Contains((int)v), "wire width"),
        ("globalBusDelayTolerance", "a number ≥ 0", v => v >= 0, "global H-tree delay relaxation"),
        ("localBusDelayTolerance", "a number ≥ 0", v => v >= 0, "tile H-tree delay relaxation"),
        ("treeFoldedRatio", "a number ≥ 1", v => v >= 1, "H-tree folding ratio"),
        ("maxGlobalBusWidth", "a number ≥ 1", v => v >= 1, "maximum global bus width"),
        ("numRowSubArray", "an integer from 2 to 4096", v => v is >= 2 and <= 4096, "subarray rows"),
        ("numColSubArray", "an integer from 2 to 4096", v => v is >= 2 and <= 4096, "subarray columns"),
        ("relaxArrayCellHeight", "0 or 1", v => v is 0 or 1, "relax cell height"),
        ("relaxArrayCellWidth", "0 or 1", v => v is 0 or 1, "relax cell width"),
        ("numColMuxed", "an integer ≥ 1", v => v >= 1, "columns sharing one ADC"),
        ("levelOutput", "a power of two from 2 to 1024", IsPowerOfTwo, "ADC output levels"),
        ("cellBit", "an integer from 1 to 8", v => v is >= 1 and <= 8, "bits per cell"),
        ("heightInFeatureSizeSRAM", "a number > 0", v => v > 0, "SRAM cell height (F)"),
        ("widthInFeatureSizeSRAM", "a number > 0", v => v > 0, "SRAM cell width (F)"),
        ("widthSRAMCellNMOS", "a number > 0", v => v > 0, "SRAM cell NMOS width (F)"),
        ("widthSRAMCellPMOS", "a number > 0", v => v > 0, "SRAM cell PMOS width (F)"),
        ("widthAccessCMOS", "a number > 0", v => v > 0, "SRAM access transistor width (F)"),
        ("minSenseVoltage", "a voltage > 0", v => v > 0, "minimum sense voltage"),
        ("heightInFeatureSize1T1R", "a number > 0", v => v > 0, "1T1R cell height (F)"),
        ("widthInFeatureSize1T1R", "a number > 0", v => v > 0, "1T1R cell width (F)"),
        ("heightInFeatureSizeCrossbar", "a number > 0", v => v > 0, "crossbar cell height (F)"),
        ("widthInFeatureSizeCrossbar", "a number > 0", v => v > 0, "crossbar cell width (F)"),
        ("resistanceOn", "a resistance > 0 (Ω)", v => v > 0, "Ron at Vr"),
        ("resistanceOff", "a resistance > 0 (Ω), larger than resistanceOn", v => v > 0, "Roff at Vr"),
        ("maxNumLevelLTP", "a number ≥ 1", v => v >= 1, "conductance states in LTP"),
        ("maxNumLevelLTD", "a number ≥ 1", v => v >= 1, "conductance states in LTD"),
        ("gateCapFeFET", "a capacitance > 0 (F)", v => v > 0, "FeFET gate capacitance"),
        ("writeVoltage", "a voltage > 0", v => v > 0, "write voltage"),
        ("writePulseWidth", "a time > 0 (s)", v => v > 0, "write pulse width"),
        ("nonlinearIV", "true or false", _ => true, "I-V nonlinearity in crossbar"),
        ("nonlinearity", "a number > 0", v => v > 0, "current ratio at Vw and Vw/2"),
        ("readVoltage", "a voltage > 0", v => v > 0, "read voltage"),
        ("readPulseWidth", "a time > 0 (s)", v => v > 0, "read pulse width"),
        ("accessVoltage", "a voltage > 0", v => v > 0, "access transistor gate voltage"),
        ("resistanceAccess", "a resistance > 0 (Ω)", v => v > 0, "access transistor resistance"),
        ("trainingEstimation", "true (training) or false (inference only)", _ => true, "estimate training"),
        ("parallelBP", "true or false", _ => true, "parallel back-propagation"),
        ("batchSize", "an integer ≥ 1", v => v >= 1, "batch size"),
        ("numIteration", "an integer ≥ 1", v => v >= 1, "iterations per epoch"),
        ("bufferOverHeadConstraint", "a number ≥ 0", v => v >= 0, "training buffer overhead"),
        ("numRowSubArrayWG", "an integer from 2 to 4096", v => v is >= 2 and <= 4096, "weight-gradient subarray rows"),
        ("numColSubArrayWG", "an integer from 2 to 4096", v => v is >= 2 and <= 4096, "weight-gradient subarray columns"),
        ("numRowMuxedAG", "an integer ≥ 1", v => v >= 1, "rows sharing one ADC (activation gradient)"),
        ("levelOutputAG", "a power of two from 2 to 1024", IsPowerOfTwo, "ADC levels (activation gradient)"),
        ("numRowMuxedWG", "an integer ≥ 1", v => v >= 1, "rows sharing one ADC (weight gradient)"),
        ("levelOutputWG", "a power of two from 2 to 1024", IsPowerOfTwo, "ADC levels (weight gradient)"),
        ("dramType", "1 (GDDR5) or 2 (HBM2)", v => v is 1 or 2, "off-chip DRAM"),
    ];

    /// <summary>All keys, in Param.cpp order.</summary>
    public static readonly ImmutableArray<ConfigKey> All = Build();

    private static readonly FrozenDictionary<string, ConfigKey> ByName =
        All.ToFrozenDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    public static bool TryGet(string name, out ConfigKey key) => ByName.TryGetValue(name, out key!);

    /// <summary>Names closest to an unknown <paramref name="name"/> (for "did you mean").</summary>
    public static IEnumerable<string> Suggest(string name)
    {
        var scored = All.Select(k => (k.Name, D: Distance(k.Name.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(x => x.D <= Math.Max(2, name.Length / 3)).ToList();
        if (scored.Count == 0) return [];
        var best = scored.Min(x => x.D);
        return scored.Where(x => x.D == best).Select(x => x.Name).Take(3);
    }

    private static ImmutableArray<ConfigKey> Build()
    {
        var props = typeof(HardwareConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var keys = ImmutableArray.CreateBuilder<ConfigKey>();
        foreach (var (name, rule, ok, description) in Rules)
        {
            if (!props.Remove(name, out var p))
                throw new InvalidOperationException($"Config key '{name}' has no HardwareConfig property.");
            keys.Add(new ConfigKey(name, p, rule, ok, description));
        }
        if (props.Count > 0)
            throw new InvalidOperationException($"HardwareConfig properties without a key: {string.Join(", ", props.Keys)}.");
        return keys.ToImmutable();
    }

    private static bool IsPowerOfTwo(double v) => v is >= 2 and <= 1024 && v == Math.Floor(v) && ((int)v & ((int)v - 1)) == 0;

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
