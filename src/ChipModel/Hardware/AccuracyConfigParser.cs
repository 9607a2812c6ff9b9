using System.Globalization;

namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>
/// Applies <c>key=value</c> settings that may mix chip keys (Param.cpp names and the V2.0 inference aliases) with the
/// accuracy replay's own keys: each goes to its configuration, in order. Errors name the key, the value, the rule, the
/// file and line, and are reported together, as <see cref="HardwareConfigParser"/> does.
/// </summary>
public static class AccuracyConfigParser
{
    public static (HardwareConfig Chip, AccuracyConfig Accuracy) Apply(HardwareConfig chip, AccuracyConfig accuracy,
        IEnumerable<(string Key, string Value, int Line)> settings, string? source = null)
    {
        var errors = new List<ConfigError>();
        foreach (var (key, value, line) in settings)
        {
            if (AccuracyKeys.TryGet(key, out var k))
            {
                if (TryParse(k, value, out var x, out var why)) accuracy = k.Set(accuracy, x);
                else errors.Add(new ConfigError(k.Name, CppLiteral.Shorten(value), why, source, line));
                continue;
            }
            try { chip = HardwareConfigParser.Apply(chip, [(key, value, line)], source); }
            catch (ConfigException ex) { errors.AddRange(ex.Errors); }
        }
        errors.AddRange(Validate(accuracy, source));
        if (errors.Count > 0) throw new ConfigException(errors);
        return (chip, accuracy);
    }

    /// <summary>Accuracy keys alone (a stored configuration read back); ranges are not checked again.</summary>
    public static AccuracyConfig ApplyStored(IEnumerable<KeyValuePair<string, string>> settings, string source)
    {
        var accuracy = AccuracyConfig.Default;
        foreach (var (key, value) in settings)
        {
            if (!AccuracyKeys.TryGet(key, out var k) || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
                throw new ConfigException([new ConfigError(key, value, "not an accuracy key with a number", source)]);
            accuracy = k.Set(accuracy, x);
        }
        return accuracy;
    }

    /// <summary>The rules that involve several keys.</summary>
    public static IEnumerable<ConfigError> Validate(AccuracyConfig accuracy, string? source = null)
    {
        if (accuracy.RateStuck0 + accuracy.RateStuck1 > 1)
            yield return new ConfigError("rate_stuck_1", accuracy.RateStuck1.ToString("R", CultureInfo.InvariantCulture),
                $"rate_stuck_0 + rate_stuck_1 = {accuracy.RateStuck0 + accuracy.RateStuck1:R} exceeds 1; allowed: at most {1 - accuracy.RateStuck0:R}", source);
    }

    private static bool TryParse(AccuracyKey key, string text, out double value, out string why)
    {
        var t = text.Trim();
        if (key.Min == 0 && key.Max == 1 && key.Integer && (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.Equals("false", StringComparison.OrdinalIgnoreCase)))
        {
            value = t.Equals("true", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            why = "";
            return true;
        }
        if (!CppLiteral.TryEvaluate(t, out value, out var error))
        {
            why = $"'{CppLiteral.Shorten(text)}' is not valid: {error}; allowed: {key.Rule}";
            return false;
        }
        if (!key.IsAllowed(value))
        {
            why = $"{CppLiteral.Shorten(text)} is not allowed; allowed: {key.Rule}";
            return false;
        }
        why = "";
        return true;
    }
}
