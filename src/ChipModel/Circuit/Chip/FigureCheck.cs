namespace NeuroSim.Replay.ChipModel.Circuit.Chip;

/// <summary>
/// The invariant of issue 19: an estimate that succeeds has only finite, non-negative numbers (areas, every
/// latency, energy and power per layer and in total, leakage, operation count and the throughput figures).
/// </summary>
public static class FigureCheck
{
    private static readonly System.Reflection.PropertyInfo[] LayerNumbers =
        typeof(LayerResult).GetProperties().Where(p => p.PropertyType == typeof(double)).ToArray();

    /// <summary>"name = value" for every number that is NaN, infinite or negative; empty when all are fine.</summary>
    public static IReadOnlyList<string> Problems(EpochFigures f)
    {
        var bad = new List<string>();
        void Check(string name, double v)
        {
            if (!double.IsFinite(v) || v < 0) bad.Add($"{name} = {v}");
        }
        var a = f.Area;
        foreach (var (name, v) in new[] { ("area", a.Total), ("area array", a.Array), ("area interconnect", a.Interconnect), ("area ADC", a.Adc),
                     ("area accumulation", a.Accumulation), ("area other", a.Other), ("area WG", a.WeightGradient),
                     ("leakage power", f.LeakagePower), ("leakage energy", f.LeakageEnergy), ("operations", f.NumComputation),
                     ("TOPS/W", f.TopsPerW), ("TOPS", f.Tops), ("FPS", f.Fps), ("peak TOPS/W", f.PeakTopsPerW), ("peak TOPS", f.PeakTops), ("peak FPS", f.PeakFps) })
            Check(name, v);
        foreach (var layer in f.Layers.Append(f.Total))
            foreach (var p in LayerNumbers)
                Check($"layer {(layer == f.Total ? "total" : layer.Layer.ToString(System.Globalization.CultureInfo.InvariantCulture))} {p.Name}", (double)p.GetValue(layer)!);
        return bad;
    }
}
