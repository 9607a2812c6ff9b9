using NeuroSim.Replay.ChipModel.Circuit.Chip;
using NeuroSim.Replay.Core.Events.Contracts;
using ContractFloorplan = NeuroSim.Replay.Core.Events.Contracts.Floorplan;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>
/// An epoch estimate as the event a replay stores (EpochEstimated) and back: every number of V2.0's result files
/// as doubles, so files written from a stored replay are identical to files written from a fresh estimate.
/// </summary>
public static class EstimateContracts
{
    public static EpochEstimated ToContract(EpochEstimate e, int epoch, double seconds)
    {
        var f = e.Figures;
        var c = new EpochEstimated
        {
            Epoch = epoch,
            Total = ToContract(f.Total, e.Floorplan, -1),
            Area = new AreaBreakdown
            {
                TotalM2 = f.Area.Total, CimM2 = f.Area.Array, RoutingM2 = f.Area.Interconnect, AdcM2 = f.Area.Adc,
                AccumulationM2 = f.Area.Accumulation, OtherM2 = f.Area.Other, WeightGradientM2 = f.Area.WeightGradient,
            },
            Performance = new Performance { TopsPerW = f.TopsPerW, Tops = f.Tops, Fps = f.Fps, PeakTopsPerW = f.PeakTopsPerW, PeakTops = f.PeakTops, PeakFps = f.PeakFps },
            Floorplan = new ContractFloorplan
            {
                TileRows = (int)e.Floorplan.DesiredTileSizeCM, TileCols = (int)e.Floorplan.DesiredTileSizeCM,
                PeRows = (int)e.Floorplan.DesiredPESizeCM, PeCols = (int)e.Floorplan.DesiredPESizeCM,
                NovelTileRows = (int)e.Floorplan.DesiredPESizeNM, NovelTileCols = (int)e.Floorplan.DesiredPESizeNM, NovelTilePes = (int)e.Floorplan.NumPENM,
                MemoryUtilization = e.Floorplan.MemoryUtilization, TotalTiles = (int)e.Floorplan.TotalTiles,
            },
            Seconds = seconds,
            LeakagePowerW = f.LeakagePower,
            LeakageEnergyJ = f.LeakageEnergy,
            NumComputation = f.NumComputation,
            Pipelined = e.Pipelined,
        };
        c.Layers.AddRange(f.Layers.Select((l, i) => ToContract(l, e.Floorplan, i)));
        return c;
    }

    private static LayerEstimate ToContract(LayerResult l, ChipModel.Circuit.Chip.Floorplan fp, int index)
    {
        var layout = index >= 0 && index < fp.Layers.Length ? fp.Layers[index] : null;
        return new LayerEstimate
        {
            LayerIndex = l.Layer,
            LatencyFwS = l.LatencyFW, LatencyAgS = l.LatencyAG, LatencyWgS = l.LatencyWG, LatencyWuS = l.LatencyWU,
            EnergyFwJ = l.EnergyFW, EnergyAgJ = l.EnergyAG, EnergyWgJ = l.EnergyWG, EnergyWuJ = l.EnergyWU,
            PeakLatencyFwS = l.PeakLatencyFW, PeakLatencyAgS = l.PeakLatencyAG, PeakLatencyWgS = l.PeakLatencyWG, PeakLatencyWuS = l.PeakLatencyWU,
            PeakEnergyFwJ = l.PeakEnergyFW, PeakEnergyAgJ = l.PeakEnergyAG, PeakEnergyWgJ = l.PeakEnergyWG, PeakEnergyWuJ = l.PeakEnergyWU,
            AdcLatencyS = l.LatencyADC, AccumulationLatencyS = l.LatencyAccumulation, ArrayLatencyS = l.LatencyArray, BufferLatencyS = l.LatencyBuffer,
            InterconnectLatencyS = l.LatencyInterconnect, WeightGradientLatencyS = l.PeakLatencyWG, WeightUpdateLatencyS = l.PeakLatencyWU, DramLatencyS = l.LatencyDram,
            AdcEnergyJ = l.EnergyADC, AccumulationEnergyJ = l.EnergyAccumulation, ArrayEnergyJ = l.EnergyArray, BufferEnergyJ = l.EnergyBuffer,
            InterconnectEnergyJ = l.EnergyInterconnect, WeightGradientEnergyJ = l.PeakEnergyWG, WeightUpdateEnergyJ = l.PeakEnergyWU, DramEnergyJ = l.EnergyDram,
            LeakagePowerW = l.LeakagePower, LeakageEnergyJ = l.LeakageEnergy, TileLeakagePowerW = l.TileLeakagePower,
            Tiles = layout is null ? 0 : (int)layout.Tiles, SpeedUp = layout?.SpeedUp ?? 0, Utilization = layout?.Utilization ?? 0,
        };
    }

    public static EpochFigures ToFigures(EpochEstimated c)
    {
        var a = c.Area ?? throw new InvalidDataException($"EpochEstimated (epoch {c.Epoch}) has no area");
        return new EpochFigures(
            new ChipArea(a.TotalM2, a.CimM2, a.RoutingM2, a.AdcM2, a.AccumulationM2, a.OtherM2, a.WeightGradientM2),
            [.. c.Layers.Select(ToResult)],
            ToResult(c.Total ?? throw new InvalidDataException($"EpochEstimated (epoch {c.Epoch}) has no total")),
            c.LeakagePowerW, c.LeakageEnergyJ, c.NumComputation);
    }

    private static LayerResult ToResult(LayerEstimate l) => new()
    {
        Layer = l.LayerIndex,
        LatencyFW = l.LatencyFwS, LatencyAG = l.LatencyAgS, LatencyWG = l.LatencyWgS, LatencyWU = l.LatencyWuS,
        EnergyFW = l.EnergyFwJ, EnergyAG = l.EnergyAgJ, EnergyWG = l.EnergyWgJ, EnergyWU = l.EnergyWuJ,
        PeakLatencyFW = l.PeakLatencyFwS, PeakLatencyAG = l.PeakLatencyAgS, PeakLatencyWG = l.PeakLatencyWgS, PeakLatencyWU = l.PeakLatencyWuS,
        PeakEnergyFW = l.PeakEnergyFwJ, PeakEnergyAG = l.PeakEnergyAgJ, PeakEnergyWG = l.PeakEnergyWgJ, PeakEnergyWU = l.PeakEnergyWuJ,
        LatencyADC = l.AdcLatencyS, LatencyAccumulation = l.AccumulationLatencyS, LatencyArray = l.ArrayLatencyS, LatencyBuffer = l.BufferLatencyS,
        LatencyInterconnect = l.InterconnectLatencyS, LatencyDram = l.DramLatencyS,
        EnergyADC = l.AdcEnergyJ, EnergyAccumulation = l.AccumulationEnergyJ, EnergyArray = l.ArrayEnergyJ, EnergyBuffer = l.BufferEnergyJ,
        EnergyInterconnect = l.InterconnectEnergyJ, EnergyDram = l.DramEnergyJ,
        TileLeakagePower = l.TileLeakagePowerW, LeakagePower = l.LeakagePowerW, LeakageEnergy = l.LeakageEnergyJ,
    };

    /// <summary>An epoch's energy as the replay summary counts it: FW + AG + WG + WU + leakage.</summary>
    public static double EnergyPerEpoch(EpochEstimated e) =>
        e.Total is null ? 0 : e.Total.EnergyFwJ + e.Total.EnergyAgJ + e.Total.EnergyWgJ + e.Total.EnergyWuJ + e.LeakageEnergyJ;
}
