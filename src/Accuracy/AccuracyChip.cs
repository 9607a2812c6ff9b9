using System.Globalization;
using NeuroSim.Replay.Accuracy.Inference;
using NeuroSim.Replay.ChipModel.Hardware;

namespace NeuroSim.Replay.Accuracy;

/// <summary>
/// What the accuracy replay reads of a chip configuration (<see cref="CimSettings"/>), and the settings it cannot honour: each
/// a <see cref="ConfigError"/> naming the key.
/// </summary>
public static class AccuracyChip
{
    public static CimSettings Settings(HardwareConfig chip, AccuracyConfig accuracy, int weightBits, int activationBits) =>
        CimSettings.From(chip, accuracy, weightBits, activationBits);

    /// <summary>The keys of <paramref name="chip"/> and <paramref name="accuracy"/> the accuracy replay cannot honour for a run of <paramref name="weightBits"/>-bit weights.</summary>
    public static IReadOnlyList<ConfigError> Check(HardwareConfig chip, AccuracyConfig accuracy, int weightBits, string? source = null)
    {
        var errors = new List<ConfigError>();
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        if (chip.OperationMode != ReadMode.ConventionalParallel)
            errors.Add(new ConfigError("operationmode", "1", "the accuracy replay reads arrays in parallel through an ADC of levelOutput levels, as V2.0's inference; " +
                "a sequential read (operationmode=1) is not modelled; allowed: 2", source));
        if (!chip.ReLu)
            errors.Add(new ConfigError("reLu", "false", "the recorded networks use ReLU; a chip whose activation is a sigmoid (reLu=false) cannot run them; allowed: true", source));
        var sram = chip.MemCellType == MemCellType.Sram;
        // RD-88: V2.0 keeps only the low floor(bW/cb)·cb bits of every weight when cellBit does not divide wl_weight.
        if (!sram && weightBits % chip.CellBit != 0)
            errors.Add(new ConfigError("cellBit", chip.CellBit.ToString(CultureInfo.InvariantCulture),
                $"cellBit {chip.CellBit} does not divide the run's wl_weight ({weightBits}): V2.0's inference would drop the weights' high bits; allowed: " +
                string.Join(", ", Enumerable.Range(1, weightBits).Where(b => weightBits % b == 0)), source));
        if (sram && accuracy.Drifts)
            errors.Add(new ConfigError(accuracy.V != 0 ? "v" : "t", F(accuracy.V != 0 ? accuracy.V : accuracy.T),
                "retention drift (t, v) is a property of analog cells; an SRAM chip (memcelltype=1) keeps its bits; allowed: v=0", source));
        return errors;
    }
}
