namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>
/// A chip to estimate: every design option of DNN+NeuroSim V2.0's Param.cpp, under the same names
/// (PascalCase here; keys in files and on the command line use the reference's camelCase, e.g.
/// <c>numRowSubArray</c>). Defaults are the reference's (RRAM, CMOS access, LSTP, 32 nm, 128x128).
/// Immutable: build variants with <c>with</c>. Validate with <see cref="HardwareConfigValidator"/>.
/// </summary>
public sealed record HardwareConfig
{
    /// <summary>
    /// Key <c>chipModel</c>: which reference model computes (<c>v2.0</c>, the default, or <c>v2.1</c>). Not part of a V2.0
    /// configuration's identity (its hash is what it was before V2.1 existed); see <see cref="ConfigKey.AppliesTo"/>.
    /// </summary>
    public ReferenceVersion ChipModel { get; init; } = ReferenceVersion.V20;

    // ---- design options (Param.cpp "user defined design options") ----
    /// <summary>Key <c>operationmode</c>: 1 conventional sequential, 2 conventional parallel (the only modes the training estimate supports).</summary>
    public ReadMode OperationMode { get; init; } = ReadMode.ConventionalParallel;
    /// <summary>Key <c>memcelltype</c>: 1 SRAM, 2 RRAM, 3 FeFET.</summary>
    public MemCellType MemCellType { get; init; } = MemCellType.Rram;
    /// <summary>Key <c>accesstype</c>: 1 CMOS access (1T1R), 2 BJT access, 3 diode access, 4 none (crossbar).</summary>
    public CellAccessType AccessType { get; init; } = CellAccessType.Cmos;
    /// <summary>Key <c>transistortype</c>: 1 conventional CMOS.</summary>
    public TransistorType TransistorType { get; init; } = TransistorType.ConventionalCmos;
    /// <summary>Key <c>deviceroadmap</c>: 1 HP, 2 LSTP.</summary>
    public DeviceRoadmap DeviceRoadmap { get; init; } = DeviceRoadmap.Lstp;
    /// <summary>false: register file, true: SRAM.</summary>
    public bool GlobalBufferType { get; init; }
    public int GlobalBufferCoreSizeRow { get; init; } = 128;
    public int GlobalBufferCoreSizeCol { get; init; } = 128;
    public bool TileBufferType { get; init; }
    public int TileBufferCoreSizeRow { get; init; } = 32;
    public int TileBufferCoreSizeCol { get; init; } = 32;
    public bool PeBufferType { get; init; }
    /// <summary>true: activation outside the tiles.</summary>
    public bool ChipActivation { get; init; } = true;
    /// <summary>true: ReLU, false: sigmoid.</summary>
    public bool ReLu { get; init; } = true;
    public bool NovelMapping { get; init; } = true;
    /// <summary>false: layer-by-layer, true: pipeline.</summary>
    public bool Pipeline { get; init; }
    public int SpeedUpDegree { get; init; } = 1;
    public double AlgoWeightMax { get; init; } = 1;
    public double AlgoWeightMin { get; init; } = -1;

    // ---- conventional hardware ----
    /// <summary>Clock frequency (Hz).</summary>
    public double ClkFreq { get; init; } = 1e9;
    /// <summary>Wire width used in the subarray (m).</summary>
    public double Featuresize { get; init; } = 40e-9;
    /// <summary>Temperature (K), 300–400.</summary>
    public int Temp { get; init; } = 301;
    /// <summary>Technology node (nm).</summary>
    public int Technode { get; init; } = 32;
    /// <summary>Wire width (nm) for wire resistance; -1 ignores wire resistance.</summary>
    public int WireWidth { get; init; } = 40;
    public double GlobalBusDelayTolerance { get; init; } = 0.1;
    public double LocalBusDelayTolerance { get; init; } = 0.1;
    public double TreeFoldedRatio { get; init; } = 4;
    public double MaxGlobalBusWidth { get; init; } = 8192;
    public int NumRowSubArray { get; init; } = 128;
    public int NumColSubArray { get; init; } = 128;
    public int RelaxArrayCellHeight { get; init; }
    public int RelaxArrayCellWidth { get; init; }
    /// <summary>Columns sharing one ADC.</summary>
    public int NumColMuxed { get; init; } = 8;
    /// <summary>Levels of the multilevel sense amp (ADC) output, a power of two.</summary>
    public int LevelOutput { get; init; } = 64;
    /// <summary>Bits per memory cell (forced to 1 for SRAM, as the reference does).</summary>
    public int CellBit { get; init; } = 5;
    /// <summary>V2.1 key <c>SARADC</c>: a SAR ADC per muxed column group instead of the multilevel sense amp and encoder.</summary>
    public bool SarAdc { get; init; }
    /// <summary>V2.1 key <c>currentMode</c>: the multilevel sense amp senses current (true, V2.0's only kind) or voltage (false).</summary>
    public bool CurrentMode { get; init; } = true;

    // ---- SRAM ----
    public double HeightInFeatureSizeSRAM { get; init; } = 8;
    public double WidthInFeatureSizeSRAM { get; init; } = 20;
    public double WidthSRAMCellNMOS { get; init; } = 2.08;
    public double WidthSRAMCellPMOS { get; init; } = 1.23;
    public double WidthAccessCMOS { get; init; } = 1.31;
    public double MinSenseVoltage { get; init; } = 0.1;

    // ---- analog synaptic devices ----
    public double HeightInFeatureSize1T1R { get; init; } = 4;
    public double WidthInFeatureSize1T1R { get; init; } = 4;
    public double HeightInFeatureSizeCrossbar { get; init; } = 2;
    public double WidthInFeatureSizeCrossbar { get; init; } = 2;
    /// <summary>Ron at Vr (Ω).</summary>
    public double ResistanceOn { get; init; } = 100e3;
    /// <summary>Roff at Vr (Ω).</summary>
    public double ResistanceOff { get; init; } = 100e3 * 10;
    public double MaxNumLevelLTP { get; init; } = 32;
    public double MaxNumLevelLTD { get; init; } = 32;
    /// <summary>FeFET gate capacitance (F).</summary>
    public double GateCapFeFET { get; init; } = 2.1717e-18;
    /// <summary>V2.1 key <c>polarization</c>: FeFET remanent polarization (µC/cm²), for the weight-update energy of FeFET cells.</summary>
    public double Polarization { get; init; } = 20;
    public double WriteVoltage { get; init; } = 4;
    public double WritePulseWidth { get; init; } = 50e-9;
    public bool NonlinearIV { get; init; }
    public double Nonlinearity { get; init; } = 10;
    public double ReadVoltage { get; init; } = 0.5;
    public double ReadPulseWidth { get; init; } = 10e-9;
    public double AccessVoltage { get; init; } = 1.1;
    public double ResistanceAccess { get; init; } = 15e3;

    // ---- on-chip training ----
    public bool TrainingEstimation { get; init; } = true;
    public bool ParallelBP { get; init; } = true;
    public int BatchSize { get; init; } = 200;
    public int NumIteration { get; init; } = 250;
    public double BufferOverHeadConstraint { get; init; } = 1;
    public int NumRowSubArrayWG { get; init; } = 128;
    public int NumColSubArrayWG { get; init; } = 128;
    public int NumRowMuxedAG { get; init; } = 8;
    public int LevelOutputAG { get; init; } = 64;
    public int NumRowMuxedWG { get; init; } = 8;
    public int LevelOutputWG { get; init; } = 16;
    /// <summary>Key <c>dramType</c>: 1 GDDR5, 2 HBM2.</summary>
    public DramType DramType { get; init; } = DramType.Hbm2;

    /// <summary>The reference's defaults (V2.0's Param.cpp).</summary>
    public static HardwareConfig Default { get; } = new();

    /// <summary>V2.1's Param.cpp defaults: FeFET cells, Ron 240 kΩ, on/off 100, 60 levels, 300 K (tests/ReferenceRunsV21/NOTES.md §1).</summary>
    public static HardwareConfig DefaultV21 { get; } = new()
    {
        ChipModel = ReferenceVersion.V21,
        MemCellType = MemCellType.FeFet,
        Temp = 300,
        ResistanceOn = 240e3,
        ResistanceOff = 240e3 * 100,
        MaxNumLevelLTP = 60,
        MaxNumLevelLTD = 60,
    };

    /// <summary>The defaults of a version's Param.cpp.</summary>
    public static HardwareConfig DefaultsOf(ReferenceVersion version) => version == ReferenceVersion.V21 ? DefaultV21 : Default;

    /// <summary>
    /// RD-100: this configuration computed by <paramref name="version"/>'s model, starting from that version's Param.cpp: every key
    /// still at the old version's default takes the new version's default; keys set to other values keep them.
    /// </summary>
    public HardwareConfig WithChipModel(ReferenceVersion version)
    {
        if (version == ChipModel) return this;
        var (from, to) = (DefaultsOf(ChipModel), DefaultsOf(version));
        var config = this;
        foreach (var key in ConfigKeys.All)
        {
            if (Equals(key.Get(this), key.Get(from)) && !Equals(key.Get(from), key.Get(to)))
                config = HardwareConfigParser.With(config, key, key.Get(to));
        }
        return config with { ChipModel = version };
    }
}
