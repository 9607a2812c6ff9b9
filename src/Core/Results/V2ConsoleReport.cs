using System.Text;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using static NeuroSim.Replay.Core.Results.CppNumberFormat;

namespace NeuroSim.Replay.Core.Results;

/// <summary>
/// What V2.0's <c>NeuroSIM/main</c> prints on the console for an epoch (main.cpp): the floorplan, every layer's
/// estimate with its breakdown, the area summary, the chip's totals, peaks, leakage and breakdown, and the
/// performance, line for line in its wording, layout and units (ns, pJ, µW, µm²; C++ <c>%g</c> numbers).
/// Pipeline mode words a few lines differently, as the reference does.
/// </summary>
public static class V2ConsoleReport
{
    private const string Breakdown = "************************ Breakdown of Latency and Dynamic Energy *************************";
    private const string Adc = "----------- ADC (or S/As and precharger for SRAM) ";
    private const string Accumulation = "----------- Accumulation Circuits (subarray level: adders, shiftAdds; PE/Tile/Global level: accumulation units) ";
    private const string Array = "----------- Synaptic Array w/o ADC (Forward + Activate Gradient) ";

    /// <summary>
    /// The report up to and including "Hardware Performance Done". <paramref name="runSeconds"/>, when given, adds
    /// the reference's closing "Simulation Performance" lines with that run time (whole seconds, as it prints).
    /// </summary>
    public static string Write(EpochEstimate e, int numRowSubArray, int numColSubArray, double? runSeconds = null)
    {
        var sb = new StringBuilder();
        void Line(string text = "") => sb.Append(text).Append('\n');
        WriteFloorplan(e.Floorplan, numRowSubArray, numColSubArray, Line);
        Line("---------------------------- FloorPlan Done ------------------------------");
        Line();
        Line();
        Line();
        Line("-------------------------------------- Hardware Performance --------------------------------------");
        foreach (var layer in e.Layers) WriteLayer(layer, e.Pipelined, Line);
        Line("------------------------------ Summary --------------------------------");
        Line();
        WriteAreas(e.Area, Line);
        Line();
        var mode = e.Pipelined ? "--------------------------------------Chip pipeline" : "-----------------------------------Chip layer-by-layer";
        Line($"{mode} Estimation---------------------------------");
        WriteChipTotals(e, Line);
        Line();
        Line(Breakdown);
        Line();
        WriteChipBreakdown(e.Total, Line);
        Line();
        Line(Breakdown);
        Line();
        Line();
        Line($"{mode} Performance---------------------------------");
        Line($"Energy Efficiency TOPS/W: {G6(e.TopsPerW)}");
        Line($"Throughput TOPS: {G6(e.Tops)}");
        Line($"Throughput FPS: {G6(e.Fps)}");
        Line("--------------------------------------------------------------------------");
        Line($"Peak Energy Efficiency TOPS/W: {G6(e.PeakTopsPerW)}");
        Line($"Peak Throughput TOPS: {G6(e.PeakTops)}");
        Line($"Peak Throughput FPS: {G6(e.PeakFps)}");
        Line("-------------------------------------- Hardware Performance Done --------------------------------------");
        if (runSeconds is { } seconds)
        {
            Line();
            Line("------------------------------ Simulation Performance --------------------------------");
            Line($"Total Run-time of NeuroSim: {(long)Math.Floor(seconds)} seconds");
            Line("------------------------------ Simulation Performance --------------------------------");
        }
        return sb.ToString();
    }

    private static string Ns(double seconds) => G6(seconds * 1e9) + "ns";
    private static string PJ(double joules) => G6(joules * 1e12) + "pJ";

    private static void WriteFloorplan(Floorplan fp, int numRowSubArray, int numColSubArray, Action<string> line)
    {
        line("------------------------------ FloorPlan --------------------------------");
        line("");
        line("Tile and PE size are optimized to maximize memory utilization ( = memory mapped by synapse / total memory on chip)");
        line("");
        line($"Desired Conventional Mapped Tile Storage Size: {G6(fp.DesiredTileSizeCM)}x{G6(fp.DesiredTileSizeCM)}");
        line($"Desired Conventional PE Storage Size: {G6(fp.DesiredPESizeCM)}x{G6(fp.DesiredPESizeCM)}");
        if (fp.NumPENM > 0)   // novel mapping on
            line($"Desired Novel Mapped Tile Storage Size: {G6(fp.NumPENM)}x{G6(fp.DesiredPESizeNM)}x{G6(fp.DesiredPESizeNM)}");
        line($"User-defined SubArray Size: {numRowSubArray}x{numColSubArray}");
        line("");
        line("----------------- # of tile used for each layer -----------------");
        foreach (var l in fp.Layers) line($"layer{l.LayerIndex + 1}: {G6(l.Tiles)}");
        line("");
        line("----------------- Speed-up of each layer ------------------");
        foreach (var l in fp.Layers) line($"layer{l.LayerIndex + 1}: {G6(l.SpeedUp)}");
        line("");
        line("----------------- Utilization of each layer ------------------");
        foreach (var l in fp.Layers) line($"layer{l.LayerIndex + 1}: {G6(l.Utilization)}");
        line($"Memory Utilization of Whole Chip: {G6(fp.MemoryUtilization * 100)} % ");
        line("");
    }

    /// <summary>One layer's page. Pipeline mode drops "of Forward" and words the buffer and DRAM lines differently (main.cpp).</summary>
    private static void WriteLayer(LayerResult l, bool pipelined, Action<string> line)
    {
        var n = $"layer{l.Layer}'s";
        var forward = pipelined ? "" : " of Forward";
        line($"-------------------- Estimation of Layer {l.Layer} ----------------------");
        line($"{n} readLatency{forward} is: {Ns(l.LatencyFW)}");
        line($"{n} readDynamicEnergy{forward} is: {PJ(l.EnergyFW)}");
        line($"{n} readLatency of Activation Gradient is: {Ns(l.LatencyAG)}");
        line($"{n} readDynamicEnergy of Activation Gradient is: {PJ(l.EnergyAG)}");
        line($"{n} readLatency of Weight Gradient is: {Ns(l.LatencyWG)}");
        line($"{n} readDynamicEnergy of Weight Gradient is: {PJ(l.EnergyWG)}");
        line($"{n} writeLatency of Weight Update is: {Ns(l.LatencyWU)}");
        line($"{n} writeDynamicEnergy of Weight Update is: {PJ(l.EnergyWU)}");
        line("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
        line($"{n} PEAK readLatency{forward} is: {Ns(l.PeakLatencyFW)}");
        line($"{n} PEAK readDynamicEnergy{forward} is: {PJ(l.PeakEnergyFW)}");
        line($"{n} PEAK readLatency of Activation Gradient is: {Ns(l.PeakLatencyAG)}");
        line($"{n} PEAK readDynamicEnergy of Activation Gradient is: {PJ(l.PeakEnergyAG)}");
        line($"{n} PEAK readLatency of Weight Gradient is: {Ns(l.PeakLatencyWG)}");
        line($"{n} PEAK readDynamicEnergy of Weight Gradient is: {PJ(l.PeakEnergyWG)}");
        line($"{n} PEAK writeLatency of Weight Update is: {Ns(l.PeakLatencyWU)}");
        line($"{n} PEAK writeDynamicEnergy of Weight Update is: {PJ(l.PeakEnergyWU)}");
        line("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
        line($"{n} leakagePower is: {G6(l.LeakagePower * 1e6)}uW");
        line($"{n} leakageEnergy is: {PJ(l.LeakageEnergy)}");
        line("");
        line(Breakdown);
        line("");
        line($"{Adc}readLatency is : {Ns(l.LatencyADC)}");
        line($"{Accumulation}readLatency is : {Ns(l.LatencyAccumulation)}");
        line($"{Array}readLatency is : {Ns(l.LatencyArray)}");
        line($"----------- Buffer {(pipelined ? "" : "buffer ")}latency is: {Ns(l.LatencyBuffer)}");
        line($"----------- Interconnect latency is: {Ns(l.LatencyInterconnect)}");
        line($"----------- Weight Gradient Calculation readLatency is : {Ns(l.PeakLatencyWG)}");
        line($"----------- Weight Update writeLatency is : {Ns(l.PeakLatencyWU)}");
        line($"----------- DRAM data transfer Latency is : {Ns(l.LatencyDram)}");
        line("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
        WriteEnergyBreakdown(l, pipelined ? "DynamicEnergy" : "Energy", line);
        line("");
        line(Breakdown);
        line("");
    }

    private static void WriteEnergyBreakdown(LayerResult l, string dramWord, Action<string> line)
    {
        line($"{Adc}readDynamicEnergy is : {PJ(l.EnergyADC)}");
        line($"{Accumulation}readDynamicEnergy is : {PJ(l.EnergyAccumulation)}");
        line($"{Array}readDynamicEnergy is : {PJ(l.EnergyArray)}");
        line($"----------- Buffer readDynamicEnergy is: {PJ(l.EnergyBuffer)}");
        line($"----------- Interconnect readDynamicEnergy is: {PJ(l.EnergyInterconnect)}");
        line($"----------- Weight Gradient Calculation readDynamicEnergy is : {PJ(l.PeakEnergyWG)}");
        line($"----------- Weight Update writeDynamicEnergy is : {PJ(l.PeakEnergyWU)}");
        line($"----------- DRAM data transfer {dramWord} is : {PJ(l.EnergyDram)}");
    }

    private static void WriteAreas(ChipArea a, Action<string> line)
    {
        line($"ChipArea : {G6(a.Total * 1e12)}um^2");
        line($"Chip total CIM (Forward+Activation Gradient) array : {G6(a.Array * 1e12)}um^2");
        line($"Total IC Area on chip (Global and Tile/PE local): {G6(a.Interconnect * 1e12)}um^2");
        line($"Total ADC (or S/As and precharger for SRAM) Area on chip : {G6(a.Adc * 1e12)}um^2");
        line($"Total Accumulation Circuits (subarray level: adders, shiftAdds; PE/Tile/Global level: accumulation units) on chip : {G6(a.Accumulation * 1e12)}um^2");
        line($"Other Peripheries (e.g. decoders, mux, switchmatrix, buffers, pooling and activation units) : {G6(a.Other * 1e12)}um^2");
        line($"Weight Gradient Calculation : {G6(a.WeightGradient * 1e12)}um^2");
    }

    private static void WriteChipTotals(EpochEstimate e, Action<string> line)
    {
        var t = e.Total;
        line($"Chip readLatency of Forward (per epoch) is: {Ns(t.LatencyFW)}");
        line($"Chip readDynamicEnergy of Forward (per epoch) is: {PJ(t.EnergyFW)}");
        line($"Chip readLatency of Activation Gradient (per epoch) is: {Ns(t.LatencyAG)}");
        line($"Chip readDynamicEnergy of Activation Gradient (per epoch) is: {PJ(t.EnergyAG)}");
        line($"Chip readLatency of Weight Gradient (per epoch) is: {Ns(t.LatencyWG)}");
        line($"Chip readDynamicEnergy of Weight Gradient (per epoch) is: {PJ(t.EnergyWG)}");
        line($"Chip writeLatency of Weight Update (per epoch) is: {Ns(t.LatencyWU)}");
        line($"Chip writeDynamicEnergy of Weight Update (per epoch) is: {PJ(t.EnergyWU)}");
        line("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
        line($"Chip total Latency (per epoch) is: {Ns(t.LatencyFW + t.LatencyAG + t.LatencyWG + t.LatencyWU)}");
        line($"Chip total Energy (per epoch) is: {PJ(t.EnergyFW + t.EnergyAG + t.EnergyWG + t.EnergyWU)}");
        line("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
        line($"Chip PEAK readLatency of Forward (per epoch) is: {Ns(t.PeakLatencyFW)}");
        line($"Chip PEAK readDynamicEnergy of Forward (per epoch) is: {PJ(t.PeakEnergyFW)}");
        line($"Chip PEAK readLatency of Activation Gradient (per epoch) is: {Ns(t.PeakLatencyAG)}");
        line($"Chip PEAK readDynamicEnergy of Activation Gradient (per epoch) is: {PJ(t.PeakEnergyAG)}");
        line($"Chip PEAK readLatency of Weight Gradient (per epoch) is: {Ns(t.PeakLatencyWG)}");
        line($"Chip PEAK readDynamicEnergy of Weight Gradient (per epoch) is: {PJ(t.PeakEnergyWG)}");
        line($"Chip PEAK writeLatency of Weight Update (per epoch) is: {Ns(t.PeakLatencyWU)}");
        line($"Chip PEAK writeDynamicEnergy of Weight Update (per epoch) is: {PJ(t.PeakEnergyWU)}");
        line("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
        line($"Chip PEAK total Latency (per epoch) is: {Ns(t.PeakLatencyFW + t.PeakLatencyAG + t.PeakLatencyWG + t.PeakLatencyWU)}");
        line($"Chip PEAK total Energy (per epoch) is: {PJ(t.PeakEnergyFW + t.PeakEnergyAG + t.PeakEnergyWG + t.PeakEnergyWU)}");
        line("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
        line($"Chip leakage Energy is: {PJ(e.LeakageEnergy)}");
        line($"Chip leakage Power is: {G6(e.LeakagePower * 1e6)}uW");
    }

    private static void WriteChipBreakdown(LayerResult t, Action<string> line)
    {
        line($"{Adc}readLatency is : {Ns(t.LatencyADC)}");
        line($"{Accumulation}readLatency is : {Ns(t.LatencyAccumulation)}");
        line($"{Array}readLatency is : {Ns(t.LatencyArray)}");
        line($"----------- Buffer readLatency is: {Ns(t.LatencyBuffer)}");
        line($"----------- Interconnect readLatency is: {Ns(t.LatencyInterconnect)}");
        line($"----------- Weight Gradient Calculation readLatency is : {Ns(t.PeakLatencyWG)}");
        line($"----------- Weight Update writeLatency is : {Ns(t.PeakLatencyWU)}");
        line($"----------- DRAM data transfer Latency is : {Ns(t.LatencyDram)}");
        line("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
        WriteEnergyBreakdown(t, "DynamicEnergy", line);
    }
}
