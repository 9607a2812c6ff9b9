namespace NeuroSim.Replay.ChipModel.Circuit.Chip;

/// <summary>
/// Where one layer sits on the chip: novel (one PE per kernel position) or conventional mapping, its
/// tiles (rows x columns), the PE and subarray duplication that gives its speed-up, its utilization and
/// the location of its first tile.
/// </summary>
public sealed record LayerFloorplan(
    int LayerIndex,
    bool NovelMapped,
    double NumTileRow,
    double NumTileCol,
    double Utilization,
    double SpeedUpRow,
    double SpeedUpCol,
    double PeDupRow,
    double PeDupCol,
    double SubArrayDupRow,
    double SubArrayDupCol,
    double TileLocationRow,
    double TileLocationCol,
    int PipelineSpeedUp)
{
    public double Tiles => NumTileRow * NumTileCol;
    public double SpeedUp => SpeedUpRow * SpeedUpCol;
}
