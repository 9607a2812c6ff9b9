using System.Globalization;
using NeuroSim.Replay.Accuracy.Inference;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Accuracy.Tests;

/// <summary>
/// The reference outputs of V2.0's inference layers in tests/ReferenceRuns/inference (README.md there says how they were made):
/// the four layers' weights and inputs in our layouts, the deterministic and statistical cases, and the output columns.
/// </summary>
public static class ReferenceInference
{
    public static string Folder => Path.Combine(GoldenData.Repository, "tests", "ReferenceRuns", "inference");

    public sealed record Case(string Id, string Layer, int WeightBits, int CellBit, int SubArray, int AdcPrecision, double OnOff,
        double Vari, double T, double V, int Detect, double Target, double Scale, IReadOnlyDictionary<string, string> Row)
    {
        public CimSettings Settings => new()
        {
            WeightBits = WeightBits, InputBits = 8, CellBit = CellBit, SubArrayRows = SubArray, AdcLevels = 1L << AdcPrecision,
            OnOff = OnOffRatio.Of(OnOff),
            Cells = new AccuracyConfig { Vari = Vari, T = T, V = V, Detect = Detect, Target = Target, V2Quirks = true },
        };
    }

    public sealed record Layer(string Name, LayerShape Shape, int Batch, double[] Weights, double[] Input, bool Analog);

    public static IReadOnlyList<Case> Cases(string file = "cases.csv") => [.. Table(file).Select(r => new Case(r["case"], r["layer"],
        I(r["wl_weight"]), I(r["cellBit"]), I(r["subArray"]), I(r["ADCprecision"]), D(r["onoffratio"]),
        D(r["vari"]), D(r["t"]), D(r["v"]), I(r["detect"]), D(r["target"]), D(r["scale"]), r))];

    public static Layer Load(string name)
    {
        var (shape, batch) = name switch
        {
            "fc" => (LayerShape.FullyConnected(300, 20), 16),
            "convA" => (new LayerShape(4, 8, 8, 3, 3, 6), 2),
            "convB" => (new LayerShape(150, 6, 6, 3, 3, 8), 2),
            "rgb" => (new LayerShape(3, 8, 8, 3, 3, 4), 2),
            _ => throw new ArgumentException(name),
        };
        var w = Matrix($"{name}_weight.csv");
        // Files: fc [o, i]; conv [o·C + c, kh·3 + kw]. Ours: [row = c·kh·kw + i·kw + j, o].
        var weights = new double[shape.Rows * shape.OutChannels];
        var kk = shape.KernelHeight * shape.KernelWidth;
        for (var o = 0; o < shape.OutChannels; o++)
            for (var c = 0; c < shape.InChannels; c++)
                for (var t = 0; t < kk; t++)
                    weights[(c * kk + t) * shape.OutChannels + o] = shape.Rows == shape.InChannels ? w[o][c] : w[o * shape.InChannels + c][t];
        var input = Matrix($"{name}_input.csv").SelectMany(r => r).ToArray();
        return new Layer(name, shape, batch, weights, input, name == "rgb");
    }

    /// <summary>Rows of a result file (index columns, then one column per case) as name → values in output order.</summary>
    public static Dictionary<string, double[]> Columns(string file)
    {
        var rows = Table(file);
        return rows[0].Keys.ToDictionary(k => k, k => rows.Select(r => D(r[k])).ToArray());
    }

    /// <summary>Our output [b, o, y, x] is the files' row order already.</summary>
    public static List<Dictionary<string, string>> Table(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, file)).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => { var v = l.Split(','); return header.Select((h, i) => (h, v[i])).ToDictionary(x => x.h, x => x.Item2); })];
    }

    private static double[][] Matrix(string file) =>
        [.. File.ReadAllLines(Path.Combine(Folder, file)).Where(l => l.Length > 0).Select(l => l.Split(',').Select(D).ToArray())];

    public static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    private static int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>V2.0's activation: Q(C(y/scale, 8), 8) — clamp to ±(1 − 1/128), round half to even on the 1/128 grid.</summary>
    public static double Activation(double raw, double scale) =>
        Math.Round(Math.Clamp(raw / scale, -1 + 1.0 / 128, 1 - 1.0 / 128) * 128, MidpointRounding.ToEven) / 128;
}
