using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;

namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>
/// Every configuration key with its rule. Names are the reference's Param.cpp field names; each maps
/// to the <see cref="HardwareConfig"/> property of the same name (first letter upper-cased).
/// </summary>
public static class ConfigKeys
{
    private static readonly int[] TechNodes = [130, 90, 65, 45, 32, 22, 14, 10, 7];
    private static readonly int[] WireWidths = [200, 100, 50, 40, 32, 22, 14, -1];

    // RD-07: one rule per key. Ranges are physical (a voltage, a time, a cell size, a frequency) and wide enough for every
    // reference run; values beyond them are refused before any work instead of giving Inf/NaN or loops (issue 19,
    // docs/reference-deviations.md). Min/Max (or the choices) also drive the fuzz campaign (fuzz-config).
    private static readonly Rule[] Rules =
    [
        Versioned(OneOf("chipModel", "v2.0 or v2.1", "reference chip model (DNN+NeuroSim V2.0 or V2.1)", 20, 21), ReferenceVersion.V20),
        OneOf("operationmode", "1 (conventional sequential) or 2 (conventional parallel)", "read mode of the synaptic array", 1, 2),
        OneOf("memcelltype", "1 (SRAM), 2 (RRAM) or 3 (FeFET)", "memory cell", 1, 2, 3),
        OneOf("accesstype", "1 (CMOS), 2 (BJT), 3 (diode) or 4 (none: crossbar)", "cell access device", 1, 2, 3, 4),
        OneOf("transistortype", "1 (conventional CMOS)", "transistor type", 1),
        OneOf("deviceroadmap", "1 (HP) or 2 (LSTP)", "transistor roadmap", 1, 2),
        Flag("globalBufferType", "true (SRAM) or false (register file)", "global buffer"),
        Int("globalBufferCoreSizeRow", 1, 4096, "global buffer core rows"),
        Int("globalBufferCoreSizeCol", 1, 4096, "global buffer core columns"),
        Flag("tileBufferType", "true (SRAM) or false (register file)", "tile buffer"),
        Int("tileBufferCoreSizeRow", 1, 4096, "tile buffer core rows"),
        Int("tileBufferCoreSizeCol", 1, 4096, "tile buffer core columns"),
        Flag("peBufferType", "true (SRAM) or false (register file)", "PE buffer"),
        Flag("chipActivation", "true (outside tiles) or false (inside tiles)", "where activation runs"),
        Flag("reLu", "true (ReLU) or false (sigmoid)", "activation function"),
        Flag("novelMapping", "true or false", "novel (true) or conventional (false) mapping"),
        Flag("pipeline", "true or false", "pipeline (true) or layer-by-layer (false)"),
        Int("speedUpDegree", 1, 1024, "clock folding for speed-up"),
        Num("algoWeightMax", -1000, 1000, "", "algorithm weight maximum"),
        Num("algoWeightMin", -1000, 1000, "", "algorithm weight minimum"),
        Num("clkFreq", 1e6, 1e11, "Hz", "clock frequency"),
        Num("featuresize", 1e-9, 1e-6, "m", "wire width of the subarray"),
        Int("temp", 300, 400, "temperature", "K"),
        OneOf("technode", "one of 130, 90, 65, 45, 32, 22, 14, 10, 7 (nm)", "technology node", [.. TechNodes.Select(t => (double)t)]),
        OneOf("wireWidth", "one of 200, 100, 50, 40, 32, 22, 14 or -1 (nm; -1: no wire resistance)", "wire width", [.. WireWidths.Select(t => (double)t)]),
        Num("globalBusDelayTolerance", 0, 10, "", "global H-tree delay relaxation (latency up to (1 + x) times the optimum)"),
        Num("localBusDelayTolerance", 0, 10, "", "tile H-tree delay relaxation (latency up to (1 + x) times the optimum)"),
        Num("treeFoldedRatio", 1, 1024, "", "H-tree folding ratio"),
        Num("maxGlobalBusWidth", 1, 1 << 20, "bits", "maximum global bus width"),
        Int("numRowSubArray", 2, 4096, "subarray rows"),
        Int("numColSubArray", 2, 4096, "subarray columns"),
        OneOf("relaxArrayCellHeight", "0 or 1", "relax cell height", 0, 1),
        OneOf("relaxArrayCellWidth", "0 or 1", "relax cell width", 0, 1),
        Int("numColMuxed", 1, 4096, "columns sharing one ADC"),
        PowerOfTwo("levelOutput", "ADC output levels"),
        Int("cellBit", 1, 8, "bits per cell"),
        Versioned(Flag("SARADC", "true (SAR ADC) or false (multilevel sense amp)", "column ADC (V2.1)"), ReferenceVersion.V21),
        Versioned(Flag("currentMode", "true (current mode) or false (voltage mode)", "multilevel sense amp mode (V2.1)"), ReferenceVersion.V21),
        // Below 4 F an SRAM buffer column is shorter than its decoder gates and the reference lays it out with negative area.
        Num("heightInFeatureSizeSRAM", 4, 1000, "F", "SRAM cell height"),
        Num("widthInFeatureSizeSRAM", 1, 1000, "F", "SRAM cell width"),
        Num("widthSRAMCellNMOS", 0.5, 100, "F", "SRAM cell NMOS width"),
        Num("widthSRAMCellPMOS", 0.5, 100, "F", "SRAM cell PMOS width"),
        Num("widthAccessCMOS", 0.5, 100, "F", "SRAM access transistor width"),
        Num("minSenseVoltage", 1e-3, 1, "V", "minimum sense voltage"),
        Num("heightInFeatureSize1T1R", 1, 1000, "F", "1T1R cell height"),
        Num("widthInFeatureSize1T1R", 1, 1000, "F", "1T1R cell width"),
        Num("heightInFeatureSizeCrossbar", 1, 1000, "F", "crossbar cell height"),
        Num("widthInFeatureSizeCrossbar", 1, 1000, "F", "crossbar cell width"),
        Num("resistanceOn", 100, 1e12, "Ω", "Ron at Vr"),
        Num("resistanceOff", 100, 1e12, "Ω", "Roff at Vr (larger than resistanceOn)"),
        Num("maxNumLevelLTP", 1, 65536, "", "conductance states in LTP"),
        Num("maxNumLevelLTD", 1, 65536, "", "conductance states in LTD"),
        Num("gateCapFeFET", 1e-21, 1e-12, "F", "FeFET gate capacitance"),
        Versioned(Num("polarization", 0.01, 1000, "µC/cm²", "FeFET remanent polarization (V2.1)"), ReferenceVersion.V21),
        Num("writeVoltage", 0.01, 10, "V", "write voltage"),
        Num("writePulseWidth", 1e-12, 1e-3, "s", "write pulse width"),
        Flag("nonlinearIV", "true or false", "I-V nonlinearity in crossbar"),
        Num("nonlinearity", 1, 1e6, "", "current ratio at Vw and Vw/2"),
        Num("readVoltage", 0.01, 5, "V", "read voltage"),
        Num("readPulseWidth", 1e-12, 1e-3, "s", "read pulse width"),
        Num("accessVoltage", 0.01, 5, "V", "access transistor gate voltage"),
        Num("resistanceAccess", 1, 1e9, "Ω", "access transistor resistance"),
        Flag("trainingEstimation", "true (training) or false (inference only)", "estimate training"),
        Flag("parallelBP", "true or false", "parallel back-propagation"),
        Int("batchSize", 1, 1_000_000, "batch size"),
        Int("numIteration", 1, 10_000_000, "iterations per epoch"),
        // RD-04: bounded, so the training buffer's doubling loop ends and its counts fit 64-bit integers.
        Num("bufferOverHeadConstraint", 0, 1000, "", "training buffer overhead, as a multiple of the inference buffer"),
        Int("numRowSubArrayWG", 2, 4096, "weight-gradient subarray rows"),
        Int("numColSubArrayWG", 2, 4096, "weight-gradient subarray columns"),
        Int("numRowMuxedAG", 1, 4096, "rows sharing one ADC (activation gradient)"),
        PowerOfTwo("levelOutputAG", "ADC levels (activation gradient)"),
        Int("numRowMuxedWG", 1, 4096, "rows sharing one ADC (weight gradient)"),
        PowerOfTwo("levelOutputWG", "ADC levels (weight gradient)"),
        OneOf("dramType", "1 (GDDR5) or 2 (HBM2)", "off-chip DRAM", 1, 2),
    ];

    /// <summary>
    /// The keys by level of the chip, as TOML tables may group them (<c>[array]</c>, <c>[device]</c>, …); top-level keys are
    /// accepted too. Grouping does not change the canonical order (Param.cpp's), which identifies a configuration.
    /// </summary>
    private static readonly (string Group, string Description, string[] Keys)[] Groups =
    [
        ("design", "design options: chip model version, read mode, cell, access, roadmap, activation, mapping, pipeline",
            ["chipModel", "operationmode", "memcelltype", "accesstype", "transistortype", "deviceroadmap", "chipActivation", "reLu", "novelMapping",
             "pipeline", "speedUpDegree", "algoWeightMax", "algoWeightMin"]),
        ("buffers", "global, tile and PE buffers",
            ["globalBufferType", "globalBufferCoreSizeRow", "globalBufferCoreSizeCol", "tileBufferType", "tileBufferCoreSizeRow",
             "tileBufferCoreSizeCol", "peBufferType"]),
        ("technology", "technology node, clock, temperature, wires",
            ["clkFreq", "featuresize", "temp", "technode", "wireWidth"]),
        ("interconnect", "H-tree and global bus",
            ["globalBusDelayTolerance", "localBusDelayTolerance", "treeFoldedRatio", "maxGlobalBusWidth"]),
        ("array", "synaptic subarray and its ADCs",
            ["numRowSubArray", "numColSubArray", "relaxArrayCellHeight", "relaxArrayCellWidth", "numColMuxed", "levelOutput", "cellBit", "SARADC", "currentMode"]),
        ("sram", "SRAM cell", ["heightInFeatureSizeSRAM", "widthInFeatureSizeSRAM", "widthSRAMCellNMOS", "widthSRAMCellPMOS", "widthAccessCMOS", "minSenseVoltage"]),
        ("device", "analog synaptic device (RRAM, FeFET)",
            ["heightInFeatureSize1T1R", "widthInFeatureSize1T1R", "heightInFeatureSizeCrossbar", "widthInFeatureSizeCrossbar", "resistanceOn",
             "resistanceOff", "maxNumLevelLTP", "maxNumLevelLTD", "gateCapFeFET", "polarization", "writeVoltage", "writePulseWidth", "nonlinearIV", "nonlinearity",
             "readVoltage", "readPulseWidth", "accessVoltage", "resistanceAccess"]),
        ("training", "on-chip training: batch, iterations, buffer overhead, activation- and weight-gradient units",
            ["trainingEstimation", "parallelBP", "batchSize", "numIteration", "bufferOverHeadConstraint", "numRowSubArrayWG", "numColSubArrayWG",
             "numRowMuxedAG", "levelOutputAG", "numRowMuxedWG", "levelOutputWG"]),
        ("dram", "off-chip memory", ["dramType"]),
    ];

    /// <summary>The group names (TOML tables) with what they hold.</summary>
    public static IEnumerable<(string Group, string Description)> GroupNames => Groups.Select(g => (g.Group, g.Description));

    /// <summary>A key's rule: the text users see, the bounds (inclusive) and, for enumerations, the allowed values.</summary>
    private sealed record Rule(string Name, string Text, double Min, double Max, double[] Choices, bool Integer, string Description)
    {
        /// <summary>The first model version with this key (V2.1 keys must stay at their defaults under V2.0).</summary>
        public ReferenceVersion Since { get; init; } = ReferenceVersion.V20;

        public bool IsAllowed(double v) =>
            Choices.Length > 0 ? Choices.Contains(v)
            : v >= Min && v <= Max && (!Integer || v == Math.Floor(v)) && (Name is not ("levelOutput" or "levelOutputAG" or "levelOutputWG") || IsPowerOfTwo(v));
    }

    private static Rule Versioned(Rule rule, ReferenceVersion since) => rule with { Since = since };

    private static Rule OneOf(string name, string text, string description, params double[] choices) =>
        new(name, text, choices.Min(), choices.Max(), choices, true, description);

    private static Rule Flag(string name, string text, string description) => new(name, text, 0, 1, [0, 1], true, description);

    private static Rule Int(string name, int min, int max, string description, string unit = "") =>
        new(name, $"an integer from {Show(min)} to {Show(max)}{(unit.Length > 0 ? $" ({unit})" : "")}", min, max, [], true, description);

    private static Rule Num(string name, double min, double max, string unit, string description) =>
        new(name, $"a number from {Show(min)} to {Show(max)}{(unit.Length > 0 ? $" ({unit})" : "")}", min, max, [], false, description);

    private static Rule PowerOfTwo(string name, string description) => new(name, "a power of two from 2 to 1024", 2, 1024, [], true, description);

    private static string Show(double v) => v.ToString(Math.Abs(v) is >= 1e-2 and < 1e7 || v == 0 ? "#,##0.###" : "0.###e0", System.Globalization.CultureInfo.InvariantCulture);

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
        var groupOf = Groups.SelectMany(g => g.Keys.Select(k => (Key: k, g.Group))).ToDictionary(x => x.Key, x => x.Group);
        var keys = ImmutableArray.CreateBuilder<ConfigKey>();
        foreach (var r in Rules)
        {
            if (!props.Remove(r.Name, out var p))
                throw new InvalidOperationException($"Config key '{r.Name}' has no HardwareConfig property.");
            if (!groupOf.Remove(r.Name, out var group))
                throw new InvalidOperationException($"Config key '{r.Name}' is in no group.");
            keys.Add(new ConfigKey(r.Name, p, r.Text, r.IsAllowed, r.Description) { Min = r.Min, Max = r.Max, Choices = [.. r.Choices], Group = group, Since = r.Since });
        }
        if (groupOf.Count > 0)
            throw new InvalidOperationException($"Grouped names that are no key: {string.Join(", ", groupOf.Keys)}.");
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
