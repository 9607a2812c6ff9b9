using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>
/// The notes <c>estimate-v2</c> and the NeuroSIM/main drop-in print where the reference's own numbers are unreliable:
/// RD-69 (out-of-bounds weights), RD-66 (no global buffer), RD-73 (weight-gradient unit never finishes), RD-42 (cross-point
/// write latency runs away).
/// </summary>
public static class ReferenceNotes
{
    public static async Task Write(ChipDesign chip, ValidatedHardwareConfig config, TextWriter error)
    {
        var misread = chip.LayersTheReferenceMisreads();
        if (misread.Count > 0)
            await error.WriteLineAsync($"note: V2.0 reads the weights of layer(s) {string.Join(", ", misread.Select(l => l + 1))} out of bounds " +
                "(novel-mapped tiles that do not split evenly); its trace-driven numbers there are unreliable, ours use each tile's true weights.");
        if (chip.ReferenceHasNoGlobalBuffer)
            await error.WriteLineAsync($"note: V2.0 gives this chip no global buffer (the largest layer input is less than one " +
                $"{config.Config.GlobalBufferCoreSizeRow}x{config.Config.GlobalBufferCoreSizeCol} core, and it divides in integers), so its buffer latency is infinite; ours has one core.");
        if (chip.ReferenceWeightGradientNeverFinishes)
            await error.WriteLineAsync($"note: V2.0 does not finish this training estimate: its weight-gradient unit, sized from the largest layer input, " +
                $"holds no row of numRowSubArrayWG={config.Config.NumRowSubArrayWG}-row subarrays, so its accumulation tree gets log2(0) stages; ours counts one working array.");
        if (chip.ReferenceWriteLatencyRunsAway)
            await error.WriteLineAsync("note: V2.0 reports an infinite weight-update latency here (its cross-point word-line driver never resets " +
                "its write latency in sequential read); ours counts one decode and drive per write.");
    }
}
