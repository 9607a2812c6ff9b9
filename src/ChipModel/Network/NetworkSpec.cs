using System.Collections.Immutable;
using System.Globalization;
using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.ChipModel.Network;

/// <summary>A network as the chip model sees it: its conv/fc layers in order.</summary>
public sealed record NetworkSpec(ImmutableArray<LayerSpec> Layers)
{
    /// <summary>The NetWork.csv text (one row per layer, no header).</summary>
    public string ToCsv() => string.Concat(Layers.Select(l => l.ToCsvRow() + "\n"));

    /// <summary>Same layer stack (shapes, pooling, stride), whatever the names.</summary>
    public bool SameShapeAs(NetworkSpec other) =>
        Layers.Length == other.Layers.Length &&
        Layers.Zip(other.Layers).All(p => p.First with { Name = "" } == p.Second with { Name = "" });

    /// <summary>
    /// Parses NetWork.csv: one row per layer of eight non-negative integers. Errors name the file, line and column.
    /// </summary>
    public static NetworkSpec ParseCsv(string text, string source, IReadOnlyList<string>? names = null)
    {
        var layers = ImmutableArray.CreateBuilder<LayerSpec>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        string[] fields = ["IFM height", "IFM width", "IFM channels", "kernel height", "kernel width", "OFM channels", "max-pool flag", "stride"];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length > 8 && cells.Skip(8).All(c => c.Trim().Length == 0)) cells = cells[..8];
            if (cells.Length != 8)
                throw new TraceFormatException(source, $"expected 8 values (IFM H, W, C, kernel H, W, OFM C, pool, stride), found {cells.Length}", i + 1);
            var v = new int[8];
            for (var c = 0; c < 8; c++)
            {
                if (!int.TryParse(cells[c].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out v[c]))
                    throw new TraceFormatException(source, $"{fields[c]} '{cells[c].Trim()}' is not an integer", i + 1, c + 1);
                var min = c == 6 ? 0 : 1;
                if (v[c] < min || (c == 6 && v[c] > 1))
                    throw new TraceFormatException(source, $"{fields[c]} {v[c]} is out of range ({(c == 6 ? "0 or 1" : "≥ 1")})", i + 1, c + 1);
            }
            if (v[3] > v[0] || v[4] > v[1])
                throw new TraceFormatException(source, $"kernel {v[3]}x{v[4]} is larger than the input {v[0]}x{v[1]}", i + 1, 4);
            var name = names is not null && layers.Count < names.Count ? names[layers.Count] : $"L{layers.Count}";
            layers.Add(new LayerSpec(name, v[0], v[1], v[2], v[3], v[4], v[5], v[6] == 1, v[7]));
        }
        if (layers.Count == 0) throw new TraceFormatException(source, "holds no layer rows");
        return new NetworkSpec(layers.ToImmutable());
    }
}
