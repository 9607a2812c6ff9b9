using System.Globalization;
using NeuroSim.Replay.ChipModel.Hardware;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace NeuroSim.Replay.Core.Replays;

/// <summary>What a chip's TOML file says: settings in file order, and the keys it sweeps (an array value).</summary>
public sealed record HardwareConfigFileContents(
    IReadOnlyList<(string Key, string Value, int Line)> Settings,
    IReadOnlyList<(string Key, string[] Values, int Line)> Sweeps);

/// <summary>
/// Chip configuration files in TOML (read with Tomlyn): Param.cpp names at top level or in the table of their level
/// (<c>[design]</c>, <c>[buffers]</c>, <c>[technology]</c>, <c>[interconnect]</c>, <c>[array]</c>, <c>[sram]</c>, <c>[device]</c>,
/// <c>[training]</c>, <c>[dram]</c>), e.g. <c>technode = 22</c>, <c>memcelltype = "sram"</c> (or its code, 1),
/// <c>readVoltage = 0.5</c>, <c>reLu = true</c>; a string holds a C++ literal as in params.txt (<c>resistanceOn = "240e3*100"</c>);
/// an array sweeps the key (<c>numRowSubArray = [64, 128]</c>, as <c>--sweep</c>). Every error names the file and line,
/// and all of them are reported together.
/// </summary>
public static class HardwareConfigFile
{
    public static HardwareConfigFileContents Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--config: file '{path}' not found");
        var document = SyntaxParser.Parse(File.ReadAllText(path), path, false);
        var errors = new List<ConfigError>();
        foreach (var d in document.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error))
            errors.Add(new ConfigError("(TOML)", "", d.Message, path, d.Span.Start.Line + 1));
        var settings = new List<(string, string, int)>();
        var sweeps = new List<(string, string[], int)>();
        if (errors.Count == 0)
        {
            foreach (var kv in document.KeyValues) Add(kv, null);
            foreach (var table in document.Tables)
            {
                var line = table.Span.Start.Line + 1;
                var name = table.Name?.ToString().Trim() ?? "";
                var group = ConfigKeys.GroupNames.FirstOrDefault(g => g.Group.Equals(name, StringComparison.OrdinalIgnoreCase)).Group;
                if (table is TableArraySyntax || group is null)
                {
                    errors.Add(new ConfigError($"[{name}]", "", $"not a table of chip keys; tables: {string.Join(", ", ConfigKeys.GroupNames.Select(g => g.Group))} (or keys at top level)", path, line));
                    continue;
                }
                foreach (var kv in table.Items) Add(kv, group);
            }
        }
        if (errors.Count > 0) throw new ConfigException(errors);
        return new HardwareConfigFileContents(settings, sweeps);

        void Add(KeyValueSyntax kv, string? group)
        {
            var line = kv.Span.Start.Line + 1;
            var key = kv.Key?.ToString().Trim().Trim('"') ?? "";
            if (kv.Key?.DotKeys.ChildrenCount > 0)
            {
                errors.Add(new ConfigError(key, "", "dotted keys are not used: write a Param.cpp key, at top level or in its table", path, line));
                return;
            }
            if (group is not null && ConfigKeys.TryGet(key, out var k) && !k.Group.Equals(group, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new ConfigError(k.Name, "", $"belongs in [{k.Group}], not [{group}]", path, line));
                return;
            }
            if (kv.Value is ArraySyntax array)
            {
                var values = new List<string>();
                foreach (var item in array.Items)
                    if (Scalar(item.Value) is { } v) values.Add(v);
                    else errors.Add(new ConfigError(key, "", "a swept key's array holds numbers, booleans or strings", path, line));
                if (values.Count == 0) errors.Add(new ConfigError(key, "", "an empty array sweeps nothing", path, line));
                else sweeps.Add((key, [.. values], line));
                return;
            }
            if (Scalar(kv.Value) is { } value) settings.Add((key, value, line));
            else errors.Add(new ConfigError(key, "", "expected a number, true/false, or a string holding a C++ literal or a code's name", path, line));
        }
    }

    /// <summary>A setting's text as the key parser reads it (C++ literals, true/false, a code's name).</summary>
    private static string? Scalar(ValueSyntax? value) => value switch
    {
        IntegerValueSyntax i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatValueSyntax f => f.Value.ToString("R", CultureInfo.InvariantCulture),
        BooleanValueSyntax b => b.Value ? "true" : "false",
        StringValueSyntax s => s.Value,
        _ => null,
    };

    /// <summary>Applies a file without sweeps (the recorder's --estimate chip): an array is an error naming the line.</summary>
    public static HardwareConfig Apply(HardwareConfig baseConfig, string path)
    {
        var contents = Read(path);
        if (contents.Sweeps.Count > 0)
        {
            var (key, _, line) = contents.Sweeps[0];
            throw new ConfigException([new ConfigError(key, "", "an array (a sweep) is allowed only in replay --config files", path, line)]);
        }
        return HardwareConfigParser.Apply(baseConfig, contents.Settings, path);
    }
}
