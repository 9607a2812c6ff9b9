using System.Collections.Immutable;
using NeuroSim.Replay.ChipModel.Network;

namespace NeuroSim.Replay.ChipModel.Circuit.Chip;

/// <summary>
/// The chip's automatic floorplan (NeuroSim Chip.cpp: ChipDesignInitialize, ChipFloorPlan and their
/// helpers): which layers use novel mapping, the tile and PE sizes that maximize memory utilization,
/// tiles per layer, duplication (speed-up) and utilization per layer.
/// </summary>
public sealed record Floorplan(
    ImmutableArray<LayerFloorplan> Layers,
    double NumPENM,
    double DesiredNumTileNM,
    double DesiredPESizeNM,
    double DesiredNumTileCM,
    double DesiredTileSizeCM,
    double DesiredPESizeCM,
    int NumTileRow,
    int NumTileCol,
    int SpeedUpDegree)
{
    public double TotalTiles => Layers.Sum(l => l.Tiles);

    /// <summary>Memory mapped by synapses over the memory on chip (fraction).</summary>
    public double MemoryUtilization => Layers.Sum(l => l.Tiles * l.Utilization) / TotalTiles;

    /// <summary>The knobs of the floorplan: how synapses map to cells and subarrays, and the mapping options.</summary>
    public sealed record Options(int NumRowPerSynapse, int NumColPerSynapse, int NumRowSubArray, int NumColSubArray,
        bool NovelMapping, bool Pipeline, int SpeedUpDegree);

    /// <summary>Plans the chip, or explains (naming the layers) why the subarray is too large for the network (RD-20).</summary>
    public static Floorplan Plan(NetworkSpec network, Options o)
    {
        var n = network.Layers;
        var (mark, numPENM, maxPESizeNM, maxTileSizeCM) = MarkNovelMapped(n, o);
        var (speedUpDegree, pipelineSpeedUp) = PipelineSpeedUps(n, o);
        var rows = (double)o.NumRowSubArray;

        double desiredNumTileNM = 0, desiredPESizeNM = 0, desiredNumTileCM, desiredTileSizeCM, desiredPESizeCM;
        double maxUtilNM = 0, maxUtilCM = 0;
        if (o.NovelMapping)
        {
            if (maxPESizeNM < 2 * rows)
                throw TooLarge(network, o, mark, novel: true);
            desiredPESizeNM = Math.Max(maxPESizeNM, 2 * rows);
            desiredNumTileNM = TileDesignNM(desiredPESizeNM, mark, n, o, numPENM).NumTiles;
            for (var pe = Math.Max(maxPESizeNM, 2 * rows); pe > 2 * rows; pe /= 2)
            {
                var d = TileDesignNM(pe, mark, n, o, numPENM);
                if (d.Utilization > maxUtilNM) (maxUtilNM, desiredPESizeNM, desiredNumTileNM) = (d.Utilization, pe, d.NumTiles);
            }
        }
        else if (maxTileSizeCM < 4 * rows)
            throw TooLarge(network, o, mark, novel: false);

        desiredTileSizeCM = Math.Max(maxTileSizeCM, 4 * rows);
        desiredNumTileCM = TileDesignCM(desiredTileSizeCM, mark, n, o).NumTiles;
        for (var tile = Math.Max(maxTileSizeCM, 4 * rows); tile > 4 * rows; tile /= 2)
        {
            var d = TileDesignCM(tile, mark, n, o);
            if (d.Utilization > maxUtilCM) (maxUtilCM, desiredTileSizeCM, desiredNumTileCM) = (d.Utilization, tile, d.NumTiles);
        }
        desiredPESizeCM = desiredTileSizeCM / 2;
        for (var pe = desiredTileSizeCM / 2; pe > 2 * rows; pe /= 2)
        {
            var u = PEDesign(pe, desiredTileSizeCM, desiredNumTileCM, mark, n, o).Utilization;
            if (u > maxUtilCM) (maxUtilCM, desiredPESizeCM) = (u, pe);
        }
        var peDup = PEDesign(desiredPESizeCM, desiredTileSizeCM, desiredNumTileCM, mark, n, o).Dup;
        var subDup = SubArrayDup(desiredPESizeCM, o.NovelMapping ? desiredPESizeNM : 0, mark, n, o);
        var peSizeNM = o.NovelMapping ? desiredPESizeNM : 0;

        var layers = new (double TileRow, double TileCol, double Util, double SpeedRow, double SpeedCol)[n.Length];
        for (var i = 0; i < n.Length; i++)
            layers[i] = EachLayer(i, n[i], mark[i], peDup[i], subDup[i], pipelineSpeedUp, desiredTileSizeCM, peSizeNM, numPENM, o);

        if (o.Pipeline)
        {
            desiredNumTileCM = 0;
            desiredNumTileNM = 0;
            for (var i = 0; i < n.Length; i++)
            {
                if (mark[i]) desiredNumTileNM += layers[i].TileRow * layers[i].TileCol;
                else desiredNumTileCM += layers[i].TileRow * layers[i].TileCol;
            }
        }
        var numTileRow = (int)Math.Ceiling(Math.Sqrt(desiredNumTileCM + desiredNumTileNM));
        var numTileCol = (int)Math.Ceiling((desiredNumTileCM + desiredNumTileNM) / numTileRow);

        var result = ImmutableArray.CreateBuilder<LayerFloorplan>(n.Length);
        double tileTotal = 0;
        for (var i = 0; i < n.Length; i++)
        {
            double locRow = 0, locCol = 0;
            if (i > 0)
            {
                tileTotal += layers[i].TileRow * layers[i].TileCol;
                locRow = (int)tileTotal / numTileRow;
                locCol = (int)tileTotal % numTileRow - 1;
            }
            var l = layers[i];
            result.Add(new LayerFloorplan(i, mark[i], l.TileRow, l.TileCol, l.Util, l.SpeedRow, l.SpeedCol,
                peDup[i].Row, peDup[i].Col, subDup[i].Row, subDup[i].Col, locRow, locCol,
                pipelineSpeedUp.IsEmpty ? 0 : pipelineSpeedUp[i]));
        }
        return new Floorplan(result.MoveToImmutable(), numPENM, desiredNumTileNM, desiredPESizeNM, desiredNumTileCM,
            desiredTileSizeCM, desiredPESizeCM, numTileRow, numTileCol, speedUpDegree);
    }

    /// <summary>
    /// Novel mapping goes to layers with the most common kernel size and at least a subarray's rows of
    /// inputs; the others are mapped conventionally. Also finds the largest PE (novel) and tile (conventional)
    /// a layer needs: the next power of two of its output columns.
    /// </summary>
    private static (bool[] Mark, double NumPENM, double MaxPESizeNM, double MaxTileSizeCM) MarkNovelMapped(ImmutableArray<LayerSpec> n, Options o)
    {
        var mark = new bool[n.Length];
        double numPENM = 0, maxPE = 0, maxTile = 0;
        double MinCube(LayerSpec l) => Math.Pow(2, Math.Ceiling(Math.Log2((double)l.OfmChannels * o.NumColPerSynapse)));
        if (o.NovelMapping)
        {
            int most = 0, numPE = 0;
            for (var i = 0; i < n.Length; i++)
            {
                var k = n[i].KernelHeight * n[i].KernelWidth;
                var count = 1;
                for (var j = 0; j < n.Length; j++)
                {
                    if (k == n[j].KernelHeight * n[j].KernelWidth) count++;
                    if (most < count) (most, numPE) = (count, k);
                }
            }
            numPENM = numPE;
            for (var i = 0; i < n.Length; i++)
            {
                var l = n[i];
                if (l.KernelHeight * l.KernelWidth == numPENM && (double)l.IfmChannels * l.KernelHeight * l.KernelWidth * o.NumRowPerSynapse >= o.NumRowSubArray)
                {
                    mark[i] = true;
                    maxPE = Math.Max(MinCube(l), maxPE);
                }
                else maxTile = Math.Max(MinCube(l), maxTile);
            }
        }
        else
            foreach (var l in n) maxTile = Math.Max(MinCube(l), maxTile);
        return (mark, numPENM, maxPE, maxTile);
    }

    /// <summary>Pipeline: each layer's speed-up so that no layer idles, bounded by the user's speed-up degree.</summary>
    private static (int Degree, ImmutableArray<int> SpeedUp) PipelineSpeedUps(ImmutableArray<LayerSpec> n, Options o)
    {
        if (!o.Pipeline) return (o.SpeedUpDegree, []);
        var maxIfm = n[0].IfmHeight;
        var minIfm = maxIfm;
        foreach (var l in n)
            if (l.KernelHeight != 1 && l.IfmHeight < minIfm) minIfm = l.IfmHeight;
        var degree = Math.Min(o.SpeedUpDegree, maxIfm / minIfm);   // the reference lowers a degree above the bound
        var bound = (int)Math.Ceiling((double)maxIfm / degree);
        return (degree, [.. n.Select(l => (int)Math.Ceiling(Math.Pow((double)l.IfmHeight / bound, 2)))]);
    }

    private static (double NumTiles, double Utilization) TileDesignCM(double tileSize, bool[] mark, ImmutableArray<LayerSpec> n, Options o)
    {
        double tiles = 0, matrix = 0;
        for (var i = 0; i < n.Length; i++)
        {
            if (mark[i]) continue;
            var l = n[i];
            tiles += Math.Ceiling((double)l.IfmChannels * l.KernelHeight * l.KernelWidth * o.NumRowPerSynapse / tileSize)
                * Math.Ceiling((double)l.OfmChannels * o.NumColPerSynapse / tileSize);
            matrix += (double)l.IfmChannels * l.KernelHeight * l.KernelWidth * o.NumRowPerSynapse * l.OfmChannels * o.NumColPerSynapse;
        }
        return (tiles, matrix / (tiles * tileSize * tileSize));
    }

    private static (double NumTiles, double Utilization) TileDesignNM(double peSize, bool[] mark, ImmutableArray<LayerSpec> n, Options o, double numPENM)
    {
        double tiles = 0, matrix = 0;
        for (var i = 0; i < n.Length; i++)
        {
            if (!mark[i]) continue;
            var l = n[i];
            tiles += Math.Ceiling((double)l.IfmChannels * o.NumRowPerSynapse / peSize) * Math.Ceiling((double)l.OfmChannels * o.NumColPerSynapse / peSize);
            matrix += (double)l.IfmChannels * l.KernelHeight * l.KernelWidth * o.NumRowPerSynapse * l.OfmChannels * o.NumColPerSynapse;
        }
        return (tiles, matrix / (tiles * peSize * peSize * numPENM));
    }

    /// <summary>How often a small conventionally mapped layer is duplicated across the PEs of its tile.</summary>
    private static ((double Row, double Col)[] Dup, double Utilization) PEDesign(double peSize, double tileSize, double numTiles,
        bool[] mark, ImmutableArray<LayerSpec> n, Options o)
    {
        var dup = new (double, double)[n.Length];
        double matrix = 0;
        for (var i = 0; i < n.Length; i++)
        {
            var l = n[i];
            int dupRow = 1, dupCol = 1;
            if (!mark[i])
            {
                var rows = (double)l.IfmChannels * l.KernelHeight * l.KernelWidth * o.NumRowPerSynapse;
                var cols = (double)l.OfmChannels * o.NumColPerSynapse;
                if (rows <= tileSize || cols <= tileSize)
                {
                    var perMatrixRow = (int)Math.Ceiling(rows / peSize);
                    var perMatrixCol = (int)Math.Ceiling(cols / peSize);
                    var peRow = (int)Math.Ceiling(tileSize / peSize);
                    var peCol = (int)Math.Ceiling(tileSize / peSize);
                    dupRow = peRow / perMatrixRow == 0 ? 1 : peRow / perMatrixRow;
                    dupCol = peCol / perMatrixCol == 0 ? 1 : peCol / perMatrixCol;
                }
                matrix += dupRow * dupCol * rows * cols;
            }
            dup[i] = (dupRow, dupCol);
        }
        return (dup, matrix / (numTiles * tileSize * tileSize));
    }

    /// <summary>How often a layer is duplicated across the subarrays of its PE.</summary>
    private static (double Row, double Col)[] SubArrayDup(double peSizeCM, double peSizeNM, bool[] mark, ImmutableArray<LayerSpec> n, Options o)
    {
        var dup = new (double, double)[n.Length];
        for (var i = 0; i < n.Length; i++)
        {
            var l = n[i];
            var rows = mark[i] ? (double)l.IfmChannels * o.NumRowPerSynapse : (double)l.IfmChannels * l.KernelHeight * l.KernelWidth * o.NumRowPerSynapse;
            var cols = (double)l.OfmChannels * o.NumColPerSynapse;
            var pe = mark[i] ? peSizeNM : peSizeCM;
            int dupRow = 1, dupCol = 1;
            if (rows <= pe || cols <= pe)
            {
                var perMatrixRow = (int)Math.Ceiling(rows / o.NumRowSubArray);
                var perMatrixCol = (int)Math.Ceiling(cols / o.NumColSubArray);
                var arrRow = (int)Math.Ceiling(pe / o.NumRowSubArray);
                var arrCol = (int)Math.Ceiling(pe / o.NumColSubArray);
                dupRow = arrRow / perMatrixRow == 0 ? 1 : arrRow / perMatrixRow;
                dupCol = arrCol / perMatrixCol == 0 ? 1 : arrCol / perMatrixCol;
            }
            dup[i] = (dupRow, dupCol);
        }
        return dup;
    }

    private static (double TileRow, double TileCol, double Util, double SpeedRow, double SpeedCol) EachLayer(int i, LayerSpec l, bool novel,
        (double Row, double Col) pe, (double Row, double Col) sub, ImmutableArray<int> pipelineSpeedUp,
        double tileSizeCM, double peSizeNM, double numPENM, Options o)
    {
        var dup = pe.Row * pe.Col * sub.Row * sub.Col;
        double tileRow, tileCol, util;
        var pipeFactor = o.Pipeline ? Math.Ceiling(pipelineSpeedUp[i] / dup) : 1;
        var copies = o.Pipeline ? Math.Max(pipelineSpeedUp[i], dup) : dup;
        if (!novel)
        {
            tileRow = Math.Ceiling((double)l.IfmChannels * l.KernelHeight * l.KernelWidth * o.NumRowPerSynapse / tileSizeCM);
            if (o.Pipeline) tileRow *= pipeFactor;
            tileCol = Math.Ceiling((double)l.OfmChannels * o.NumColPerSynapse / tileSizeCM);
            util = copies * l.IfmChannels * l.KernelHeight * l.KernelWidth * o.NumRowPerSynapse * l.OfmChannels * o.NumColPerSynapse
                / (tileRow * tileCol * tileSizeCM * tileSizeCM);
        }
        else
        {
            tileRow = Math.Ceiling((double)l.IfmChannels * o.NumRowPerSynapse / peSizeNM);
            if (o.Pipeline) tileRow *= pipeFactor;
            tileCol = Math.Ceiling((double)l.OfmChannels * o.NumColPerSynapse / peSizeNM);
            util = copies * l.IfmChannels * numPENM * o.NumRowPerSynapse * l.OfmChannels * o.NumColPerSynapse
                / (tileRow * tileCol * peSizeNM * peSizeNM * numPENM);
        }
        var speedRow = pe.Row * sub.Row * (o.Pipeline ? pipeFactor : 1);
        return (tileRow, tileCol, util, speedRow, pe.Col * sub.Col);
    }

    private static Exception TooLarge(NetworkSpec network, Options o, bool[] mark, bool novel)
    {
        var need = novel ? 2 * o.NumRowSubArray : 4 * o.NumRowSubArray;
        var layers = network.Layers.Select((l, i) => (l, i)).Where(x => novel ? mark[x.i] : !mark[x.i])
            .Select(x => $"layer {x.i + 1} ({x.l.Name}: {x.l.OfmChannels} output channels x {o.NumColPerSynapse} cells = {x.l.OfmChannels * o.NumColPerSynapse} columns)");
        var which = string.Join(", ", layers);
        return new Hardware.ConfigException([new Hardware.ConfigError("numRowSubArray", o.NumRowSubArray.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"the subarray ({o.NumRowSubArray}x{o.NumColSubArray}) is too large for the network: {(novel ? "novel-mapped PEs" : "tiles")} need at least {need} columns " +
            $"(the next power of two of a layer's output columns), but the largest layer offers fewer" +
            (which.Length > 0 ? $" — {which}" : novel ? " — no layer qualifies for novel mapping (set novelMapping=false)" : "") +
            "; use a smaller subarray (numRowSubArray/numColSubArray)")]);
    }
}
