using System.Globalization;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Core.IO;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace NeuroSim.Replay.Core.Devices;

/// <summary>
/// A device file (TOML, what <c>fit-device</c> writes): <c>[update]</c> holds the weight update's device with V2.0 train.py's
/// names (<c>record --device FILE</c> trains with it), <c>[chip]</c> Param.cpp's device keys (<c>replay --device FILE</c> puts
/// them on every chip, for the cost and the accuracy replay), <c>[fit]</c> how the numbers were obtained (read by neither).
/// Top level: <c>format = 1</c> and <c>name</c>. Unknown tables and keys are errors naming the file and line.
/// </summary>
public sealed record DeviceFile(string Name, IReadOnlyList<DeviceSetting> Update, IReadOnlyList<DeviceSetting> Chip, IReadOnlyList<DeviceSetting> Fit)
{
    public const int Format = 1;

    /// <summary>The keys <c>[update]</c> may hold (the recorder's device settings).</summary>
    public static readonly IReadOnlyList<string> UpdateKeys = ["nonlinearityLTP", "nonlinearityLTD", "max_level", "c2cVari", "d2dVari"];

    public static DeviceFile Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--device: file '{path}' not found");
        var document = SyntaxParser.Parse(File.ReadAllText(path), path, false);
        var errors = document.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error).Select(d => $"{path}:{d.Span.Start.Line + 1}: {d.Message}").ToList();
        string name = Path.GetFileNameWithoutExtension(path);
        var update = new List<DeviceSetting>();
        var chip = new List<DeviceSetting>();
        var fit = new List<DeviceSetting>();
        var format = 0;
        if (errors.Count == 0)
        {
            foreach (var kv in document.KeyValues)
            {
                var (key, value, line) = Setting(kv) is var kvs ? (kvs.Key, kvs.Value, kvs.Line) : default;
                switch (key)
                {
                    case "format": format = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) ? f : -1; break;
                    case "name": name = value; break;
                    default: errors.Add($"{path}:{line}: '{key}' at top level: a device file holds format and name there, the device in [update] and [chip]"); break;
                }
            }
            if (format != Format) errors.Add($"{path}:1: format = {format}: this build reads device files of format {Format} (written by ./neurosim fit-device)");
            foreach (var table in document.Tables)
            {
                var tableName = table.Name?.ToString().Trim() ?? "";
                var into = tableName switch { "update" => update, "chip" => chip, "fit" => fit, _ => null };
                if (into is null || table is TableArraySyntax)
                {
                    errors.Add($"{path}:{table.Span.Start.Line + 1}: [{tableName}] is not a device file table ([update], [chip], [fit])");
                    continue;
                }
                foreach (var kv in table.Items)
                {
                    var s = Setting(kv);
                    if (tableName == "update" && !UpdateKeys.Contains(s.Key))
                        errors.Add($"{path}:{s.Line}: [update] {s.Key}: not a device setting of the weight update ({string.Join(", ", UpdateKeys)})");
                    else if (tableName == "chip" && !(ConfigKeys.TryGet(s.Key, out var k) && k.Group == "device"))
                        errors.Add($"{path}:{s.Line}: [chip] {s.Key}: not a Param.cpp device key ({string.Join(", ", ConfigKeys.All.Where(x => x.Group == "device").Select(x => x.Name))})");
                    else if (s.Value.Length == 0)
                        errors.Add($"{path}:{s.Line}: {s.Key}: expected a number or a string");
                    else into.Add(s);
                }
            }
        }
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors));
        return new DeviceFile(name, update, chip, fit);
    }

    /// <summary>
    /// <c>[chip]</c> as <c>key=value</c> settings for a replay's <c>--set</c> list (put first, so a later --set wins), each
    /// checked first against the chip's keys with errors naming this file and line.
    /// </summary>
    public IReadOnlyList<string> ChipSettings(string path)
    {
        HardwareConfigParser.Apply(HardwareConfig.Default, Chip.Select(c => (c.Key, c.Value, c.Line)), path);
        return [.. Chip.Select(c => $"{c.Key}={c.Value}")];
    }

    private static DeviceSetting Setting(KeyValueSyntax kv)
    {
        var value = kv.Value switch
        {
            IntegerValueSyntax i => i.Value.ToString(CultureInfo.InvariantCulture),
            FloatValueSyntax f => f.Value.ToString("R", CultureInfo.InvariantCulture),
            BooleanValueSyntax b => b.Value ? "true" : "false",
            StringValueSyntax s => s.Value ?? "",
            _ => "",
        };
        return new DeviceSetting(kv.Key?.ToString().Trim().Trim('"') ?? "", value, kv.Span.Start.Line + 1);
    }

    /// <summary>Writes the file whole or not at all; <paramref name="header"/> lines become comments at its top.</summary>
    public void Write(string path, IEnumerable<string> header)
    {
        var w = new System.Text.StringBuilder();
        foreach (var line in header) w.Append("# ").AppendLine(line);
        w.AppendLine($"format = {Format}");
        w.AppendLine($"name = {Quote(Name)}");
        foreach (var (table, comment, settings) in new[]
                 {
                     ("update", "the weight update's device (V2.0 train.py names): record --device FILE", Update),
                     ("chip", "Param.cpp device keys: replay --device FILE (cost and --accuracy)", Chip),
                     ("fit", "how the numbers were obtained (read by neither)", Fit),
                 })
        {
            w.AppendLine().AppendLine($"[{table}]   # {comment}");
            foreach (var s in settings)
                w.AppendLine($"{s.Key} = {Literal(s.Value)}" + (s.Comment.Length > 0 ? $"   # {s.Comment}" : ""));
        }
        AtomicFile.WriteText(path, w.ToString());
    }

    private static string Literal(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && !value.Contains('_') ? value : Quote(value);

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
