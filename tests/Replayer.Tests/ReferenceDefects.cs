using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>Golden cells the reference gets wrong in a way that can be derived from the model (not listed by hand; RD-69).</summary>
public static class ReferenceDefects
{
    /// <summary>
    /// Cells the reference computes from out-of-bounds reads (ChipDesign.ReferenceMisreadsNovelTiles), derived
    /// from the floorplan, not listed by hand: for SRAM, whose reads do not depend on the weights, the weight-update
    /// columns of the misread layers and of the totals. Checked by hand: the reference with its tile windows
    /// corrected matches us in all 329 numbers of the sram configuration (docs/reference-deviations.md, RD-69).
    /// </summary>
    public static async Task<HashSet<string>> MisreadCells(string trace, string reference, CancellationToken ct)
    {
        var cells = new HashSet<string>();
        var config = await Commands.EstimateV2Command.ReadConfig(Path.Combine(reference, "params.txt"), [], ct);
        if (config.Config.MemCellType != MemCellType.Sram) return cells;
        var dir = GoldenData.TraceDirectory(trace);
        var commandFile = Path.Combine(dir, "layer_record", "trace_command.sh");
        var command = Core.Traces.V2.TraceCommand.Parse(await File.ReadAllTextAsync(commandFile, ct), commandFile);
        var networkFile = Path.Combine(dir, "NeuroSIM", "NetWork.csv");
        var network = ChipModel.Network.NetworkSpec.ParseCsv(await File.ReadAllTextAsync(networkFile, ct), networkFile);
        var design = new ChipModel.Circuit.Chip.ChipDesign(network, config, command.WeightBits, command.ActivationBits);
        var misread = design.LayersTheReferenceMisreads();
        if (misread.Count == 0) return cells;
        int[] weightUpdateColumns = [5, 9, 13, 17, 26, 34];   // latency/energy WU, their peaks, and the breakdown's WU pair
        var totalLine = 6 + network.Layers.Length;
        foreach (var line in misread.Select(l => 6 + l).Append(totalLine))
            foreach (var col in weightUpdateColumns) cells.Add($"breakdown {line}:{col}");
        foreach (var col in new[] { 4, 8, 12, 16 }) cells.Add($"output {col}");
        return cells;
    }
}
