using System.Globalization;
using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.Core.Replays;

namespace NeuroSim.Replay.Analyzer.Screens;

/// <summary>
/// One epoch of a replay, in auto-scaled units: area breakdown, floorplan, TOPS/W and TOPS above four panes (Tab
/// switches) of per-layer rows and totals — latency and energy of FW, AG, WG, WU; the latency breakdown and the energy
/// breakdown (ADC, accumulation, array, buffer, interconnect, weight gradient, weight update, DRAM); the peaks.
/// '[' and ']' step through the replay's epochs.
/// </summary>
public sealed class EpochScreen(StoreQueries q, StoredReplay replay, int epoch) : Screen
{
    private int _epoch = epoch;

    public override string Title => $"Run {replay.Run} · {replay.Config.Name} ({replay.Config.Id}) · epoch {_epoch}";
    public override string Hints => "Tab next table  [ ] previous/next epoch  Esc back  / filter  e export  ? help  q quit";

    public override async Task Load(CancellationToken ct)
    {
        var found = await q.Epoch(replay, _epoch, ct);
        var fig = found?.Figures;
        IReadOnlyList<string[]> Rows(Func<LayerResult, string[]> cells) =>
            fig is null ? [] : [.. fig.Layers.Select(l => (string[])[$"{l.Layer}", .. cells(l)]), ["Total", .. cells(fig.Total)]];
        string[] parts = ["ADC", "ACCUM", "ARRAY", "BUFFER", "IC", "WG", "WU", "DRAM"];
        Panes =
        [
            new Pane("FW/AG/WG/WU", ["LAYER", "LAT FW", "LAT AG", "LAT WG", "LAT WU", "E FW", "E AG", "E WG", "E WU"], Rows(l =>
            [
                Units.Time(l.LatencyFW), Units.Time(l.LatencyAG), Units.Time(l.LatencyWG), Units.Time(l.LatencyWU),
                Units.Energy(l.EnergyFW), Units.Energy(l.EnergyAG), Units.Energy(l.EnergyWG), Units.Energy(l.EnergyWU),
            ])),
            new Pane("Latency breakdown", ["LAYER", .. parts], Rows(l =>
            [
                Units.Time(l.LatencyADC), Units.Time(l.LatencyAccumulation), Units.Time(l.LatencyArray), Units.Time(l.LatencyBuffer),
                Units.Time(l.LatencyInterconnect), Units.Time(l.LatencyWG), Units.Time(l.LatencyWU), Units.Time(l.LatencyDram),
            ])),
            new Pane("Energy breakdown", ["LAYER", .. parts], Rows(l =>
            [
                Units.Energy(l.EnergyADC), Units.Energy(l.EnergyAccumulation), Units.Energy(l.EnergyArray), Units.Energy(l.EnergyBuffer),
                Units.Energy(l.EnergyInterconnect), Units.Energy(l.EnergyWG), Units.Energy(l.EnergyWU), Units.Energy(l.EnergyDram),
            ])),
            new Pane("Peaks", ["LAYER", "PEAK LAT FW", "LAT AG", "LAT WG", "LAT WU", "PEAK E FW", "E AG", "E WG", "E WU"], Rows(l =>
            [
                Units.Time(l.PeakLatencyFW), Units.Time(l.PeakLatencyAG), Units.Time(l.PeakLatencyWG), Units.Time(l.PeakLatencyWU),
                Units.Energy(l.PeakEnergyFW), Units.Energy(l.PeakEnergyAG), Units.Energy(l.PeakEnergyWG), Units.Energy(l.PeakEnergyWU),
            ])),
        ];
        if (found is not { } f || fig is null)
        {
            Header = $"epoch {_epoch} is not in this replay";
            return;
        }
        var a = fig.Area;
        var fp = f.Event.Floorplan;
        Header =
            $"area {Units.Area(a.Total)}: CIM {Units.Area(a.Array)}, routing {Units.Area(a.Interconnect)}, ADC {Units.Area(a.Adc)}, accumulation {Units.Area(a.Accumulation)}, other {Units.Area(a.Other)}, WG {Units.Area(a.WeightGradient)}\n" +
            string.Create(CultureInfo.InvariantCulture,
                $"TOPS/W {fig.TopsPerW:G4}  TOPS {fig.Tops:G4}  FPS {fig.Fps:G4}  peak TOPS/W {fig.PeakTopsPerW:G4}  leakage {Units.Power(fig.LeakagePower)}") +
            (fp is null ? "" : string.Create(CultureInfo.InvariantCulture, $"\nfloorplan: {fp.TotalTiles} tiles, tile {fp.TileRows}x{fp.TileCols}, PE {fp.PeRows}x{fp.PeCols}, novel {fp.NovelTilePes}x{fp.NovelTileRows}x{fp.NovelTileCols}, utilization {fp.MemoryUtilization * 100:F1} %")) +
            // RD-76: the whole epoch's weight update from every recorded batch, beside V2.0's last update x numIteration.
            (f.Event.WuEnergyAllBatchesJ > 0 ? $"\nweight update over every recorded batch: {Units.Energy(f.Event.WuEnergyAllBatchesJ)} (V2.0: {Units.Energy(fig.Total.EnergyWU)})" : "");
    }

    public override async Task<(bool Handled, Screen? Next, string? Status)> Key(char key, int row, CancellationToken ct)
    {
        if (key is not ('[' or ']')) return (false, null, null);
        var i = replay.Epochs.ToList().IndexOf(_epoch) + (key == ']' ? 1 : -1);
        if (i < 0 || i >= replay.Epochs.Count) return (true, null, "no further epoch in this replay");
        _epoch = replay.Epochs[i];
        await Load(ct);
        return (true, null, null);
    }
}
