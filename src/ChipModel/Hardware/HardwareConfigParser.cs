namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>
/// Applies <c>key=value</c> settings (Param.cpp names; values as C++ literals) to a configuration:
/// params.txt files, <c>--set key=value</c> flags. Unknown keys and bad values are errors that name the
/// key, the value, the rule, and the file and line; all errors are reported together.
/// </summary>
public static class HardwareConfigParser
{
    /// <summary>Parses a params.txt-style text (one <c>key=value</c> a line; '#' and '//' start comments).</summary>
    public static HardwareConfig ApplyText(HardwareConfig baseConfig, string text, string source)
    {
        var settings = new List<(string Key, string Value, int Line)>();
        var errors = new List<ConfigError>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripComment(lines[i]).Trim();
            if (line.Length == 0) continue;
            var eq = line.IndexOf('=');
            if (eq <= 0)
            {
                errors.Add(new ConfigError(line, "", "expected key=value", source, i + 1));
                continue;
            }
            settings.Add((line[..eq].Trim(), line[(eq + 1)..].Trim(), i + 1));
        }
        return Apply(baseConfig, settings, source, errors);
    }

    /// <summary>Applies settings in order (a later one wins).</summary>
    /// <param name="checkRanges">False only for configurations read back from the store: they were valid when written,
    /// and a range tightened since (docs/reference-deviations.md, RD-07) must not make a stored replay unreadable.</param>
    public static HardwareConfig Apply(HardwareConfig baseConfig, IEnumerable<(string Key, string Value, int Line)> settings,
        string? source = null, List<ConfigError>? earlier = null, bool checkRanges = true)
    {
        var errors = earlier ?? [];
        var config = baseConfig;
        // RD-100: chipModel first, whatever its line: the other settings of the batch change that version's Param.cpp
        // (HardwareConfig.WithChipModel: keys at the old version's defaults take the new version's).
        var all = settings.ToList();
        foreach (var (key, value, line) in all.Where(s => s.Key.Trim().Equals("chipModel", StringComparison.OrdinalIgnoreCase)))
        {
            if (ReferenceVersions.TryParse(value, out var version)) config = config.WithChipModel(version);
            else errors.Add(new ConfigError("chipModel", CppLiteral.Shorten(value), $"'{CppLiteral.Shorten(value)}' is not valid; allowed: v2.0 or v2.1", source, line));
        }
        foreach (var (key, value, line) in all.Where(s => !s.Key.Trim().Equals("chipModel", StringComparison.OrdinalIgnoreCase)))
        {
            // The V2.0 inference names of chip keys (ADCprecision, subArray, onoffratio) stand for the keys they set.
            if (AccuracyKeys.Expand(key, value, config, out var aliasError) is { } expanded)
            {
                if (aliasError is not null) errors.Add(new ConfigError(key, CppLiteral.Shorten(value), aliasError, source, line));
                else
                {
                    try { config = Apply(config, expanded.Select(e => (e.Key, e.Value, line)), source, null, checkRanges); }
                    catch (ConfigException ex) { errors.AddRange(ex.Errors.Select(e => e with { Key = $"{key} ({e.Key})" })); }
                }
                continue;
            }
            if (AccuracyKeys.TryGet(key, out var accuracyKey))
            {
                errors.Add(new ConfigError(accuracyKey.Name, value, "an accuracy key (the accuracy replay's cell non-idealities): use it with replay --accuracy", source, line));
                continue;
            }
            if (!ConfigKeys.TryGet(key, out var k))
            {
                var hint = ConfigKeys.Suggest(key).ToList();
                errors.Add(new ConfigError(key, value, "unknown key" + (hint.Count > 0 ? $" (did you mean {string.Join(", ", hint)}?)" : " (keys are Param.cpp's field names; see README)"), source, line));
                continue;
            }
            if (!TryConvert(k, value, out var converted, out var why))
            {
                errors.Add(new ConfigError(k.Name, CppLiteral.Shorten(value), $"'{CppLiteral.Shorten(value)}' is not valid: {why}; allowed: {k.Rule}", source, line));
                continue;
            }
            // The key's own rule, here where the file and line are known (cross-key rules come with validation).
            if (checkRanges && !k.IsAllowed(Convert.ToDouble(converted, System.Globalization.CultureInfo.InvariantCulture)))
            {
                errors.Add(new ConfigError(k.Name, CppLiteral.Shorten(value), $"{CppLiteral.Shorten(value)} is not allowed; allowed: {k.Rule}", source, line));
                continue;
            }
            config = With(config, k, converted);
        }
        if (errors.Count > 0) throw new ConfigException(errors);
        return config;
    }

    /// <summary>Parses one <c>key=value</c> (a --set flag).</summary>
    public static (string Key, string Value) SplitSetting(string setting, string source)
    {
        var eq = setting.IndexOf('=');
        if (eq <= 0) throw new ConfigException([new ConfigError(setting, "", "expected key=value", source)]);
        return (setting[..eq].Trim(), setting[(eq + 1)..].Trim());
    }

    private static bool TryConvert(ConfigKey key, string text, out object value, out string why)
    {
        value = 0;
        if (key.ValueType == typeof(bool))
        {
            var t = text.Trim();
            if (t is "true" or "1") { value = true; why = ""; return true; }
            if (t is "false" or "0") { value = false; why = ""; return true; }
            why = "expected true or false";
            return false;
        }
        if (key.ValueType.IsEnum && Array.Find(Enum.GetNames(key.ValueType), n => n.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            // A code's name (memcelltype = sram) is accepted beside its number (memcelltype = 1).
            value = Enum.Parse(key.ValueType, name);
            why = "";
            return true;
        }
        if (!CppLiteral.TryEvaluate(text, out var number, out why)) return false;
        if (key.ValueType == typeof(int) || key.ValueType.IsEnum)
        {
            if (number != Math.Floor(number) || number is > int.MaxValue or < int.MinValue)
            {
                why = "expected an integer";
                return false;
            }
            value = key.ValueType.IsEnum ? Enum.ToObject(key.ValueType, (int)number) : (int)number;
            return true;
        }
        value = number;
        return true;
    }

    internal static HardwareConfig With(HardwareConfig config, ConfigKey key, object value)
    {
        // Records are immutable: copy through the compiler's clone, then set the one init property.
        var copy = config with { };
        key.Property.SetValue(copy, value);
        return copy;
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#');
        var slashes = line.IndexOf("//", StringComparison.Ordinal);
        var cut = hash < 0 ? slashes : slashes < 0 ? hash : Math.Min(hash, slashes);
        return cut < 0 ? line : line[..cut];
    }
}
