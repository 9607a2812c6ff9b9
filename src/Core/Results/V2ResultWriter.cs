using System.Text;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using static NeuroSim.Replay.Core.Results.CppNumberFormat;

namespace NeuroSim.Replay.Core.Results;

/// <summary>Writes estimates in DNN+NeuroSim V2.0's file formats.</summary>
public static class V2ResultWriter
{
    /// <summary>The header the V2.0 wrapper writes above NeuroSim_Output.csv's rows.</summary>
    public const string OutputHeader =
        "L_forward (s), L_activation gradient (s), L_weight gradient (s), L_weight update (s), " +
        "E_forward (J), E_activation gradient (J), E_weight gradient (J), E_weight update (J), " +
        "L_forward_Peak (s), L_activation gradient_Peak (s), L_weight gradient_Peak (s), L_weight update_Peak (s), " +
        "E_forward_Peak (J), E_activation gradient_Peak (J), E_weight gradient_Peak (J), E_weight update_Peak (J), " +
        "TOPS/W, TOPS, Peak TOPS/W, Peak TOPS";

    /// <summary>One NeuroSim_Output.csv row (the twenty numbers the model appends per epoch).</summary>
    public static string OutputRow(EpochEstimate e) => OutputRow(e.Figures);

    /// <summary>NeuroSim_Breakdown_Epoch_N.csv (the reference writes "Epock", RD-75) in the reference's layout.</summary>
    public static string Breakdown(EpochEstimate e) => Breakdown(e.Figures);

    public static string OutputRow(EpochFigures e)
    {
        var t = e.Total;
        double[] v =
        [
            t.LatencyFW, t.LatencyAG, t.LatencyWG, t.LatencyWU, t.EnergyFW, t.EnergyAG, t.EnergyWG, t.EnergyWU,
            t.PeakLatencyFW, t.PeakLatencyAG, t.PeakLatencyWG, t.PeakLatencyWU, t.PeakEnergyFW, t.PeakEnergyAG, t.PeakEnergyWG, t.PeakEnergyWU,
            e.TopsPerW, e.Tops, e.PeakTopsPerW, e.PeakTops,
        ];
        return string.Join(",", v.Select(G6));
    }

    public static string Breakdown(EpochFigures e)
    {
        var sb = new StringBuilder();
        var a = e.Area;
        sb.Append("Total Area(m^2), Total CIM (FW+AG) Area (m^2), Routing Area(m^2), ADC Area(m^2), Accumulation Area(m^2), Other Logic&Storage Area(m^2), Weight Gradient Area(m^2),\n");
        sb.Append(string.Join(",", new[] { a.Total, a.Array, a.Interconnect, a.Adc, a.Accumulation, a.Other, a.WeightGradient }.Select(G6))).Append('\n');
        sb.Append("\n\n");
        sb.Append("layer_number, latency_FW(s), latency_AG(s), latency_WG(s), latency_WU(s), energy_FW(J), energy_AG(J), energy_WG(J), energy_WU(J),");
        sb.Append("Peak_latency_FW(s), Peak_latency_AG(s), Peak_latency_WG(s), Peak_latency_WU(s), Peak_energy_FW(J), Peak_energy_AG(J), Peak_energy_WG(J), Peak_energy_WU(J),");
        sb.Append(", , ADC_latency(s), Accumulation_latency(s), Synaptic Array w/o ADC_latency(s), Buffer_latency(s), IC_latency(s), Weight_gradient_latency(s), Weight_update(s), DRAM_latency(s), ");
        sb.Append("ADC_energy(J), Accumulation_energy(J), Synaptic Array w/o ADC_energy(J), Buffer_energy(J), IC_energy(J), Weight_gradient_energy(J), Weight_update_energy(J), DRAM_energy(J)\n");
        foreach (var l in e.Layers) sb.Append(Row(l.Layer.ToString(System.Globalization.CultureInfo.InvariantCulture), l)).Append('\n');
        sb.Append(Row("Total", e.Total)).Append('\n');
        sb.Append("\n\n");
        sb.Append("TOPS/W,FPS,TOPS,Peak TOPS/W,Peak FPS,Peak TOPS,\n");
        sb.Append(string.Join(",", new[] { e.TopsPerW, e.Fps, e.Tops, e.PeakTopsPerW, e.PeakFps, e.PeakTops }.Select(G6))).Append('\n');
        return sb.ToString();
    }

    private static string Row(string label, LayerResult l)
    {
        double[] first =
        [
            l.LatencyFW, l.LatencyAG, l.LatencyWG, l.LatencyWU, l.EnergyFW, l.EnergyAG, l.EnergyWG, l.EnergyWU,
            l.PeakLatencyFW, l.PeakLatencyAG, l.PeakLatencyWG, l.PeakLatencyWU, l.PeakEnergyFW, l.PeakEnergyAG, l.PeakEnergyWG, l.PeakEnergyWU,
        ];
        double[] second =
        [
            l.LatencyADC, l.LatencyAccumulation, l.LatencyArray, l.LatencyBuffer, l.LatencyInterconnect, l.PeakLatencyWG, l.PeakLatencyWU, l.LatencyDram,
            l.EnergyADC, l.EnergyAccumulation, l.EnergyArray, l.EnergyBuffer, l.EnergyInterconnect, l.PeakEnergyWG, l.PeakEnergyWU, l.EnergyDram,
        ];
        return $"{label},{string.Join(",", first.Select(G6))},, , {string.Join(",", second.Select(G6))}";
    }
}
