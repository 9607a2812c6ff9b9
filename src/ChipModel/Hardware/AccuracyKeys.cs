using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;

namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>One key of <see cref="AccuracyConfig"/>: its name, rule, and how it reads and writes the record.</summary>
public sealed record AccuracyKey(string Name, string Rule, string Description, double Min, double Max, bool Integer,
    Func<AccuracyConfig, double> Get, Func<AccuracyConfig, double, AccuracyConfig> Set)
{
    public bool IsAllowed(double v) => v >= Min && v <= Max && (!Integer || v == Math.Floor(v));
    public string Format(AccuracyConfig c) => Get(c).ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// The accuracy replay's own keys (V2.0 inference.py's argument names; NeuroSim V1.5's stuck-at rates), each with its
/// rule, and the aliases under which the chip keys the accuracy replay reads are known in V2.0's inference:
/// <c>ADCprecision</c> (levelOutput = 2^ADCprecision), <c>subArray</c> (numRowSubArray = numColSubArray = subArray),
/// <c>onoffratio</c> (resistanceOff = onoffratio × resistanceOn).
/// </summary>
public static class AccuracyKeys
{
    /// <summary>The TOML table accuracy keys may be grouped in (top level works too).</summary>
    public const string Group = "accuracy";

    public static readonly ImmutableArray<AccuracyKey> All =
    [
        new("vari", "a number from 0 to 1", "σ of the relative conductance variation per read", 0, 1, false, c => c.Vari, (c, v) => c with { Vari = v }),
        new("t", "a number from 0 to 1e15", "retention time", 0, 1e15, false, c => c.T, (c, v) => c with { T = v }),
        new("v", "a number from 0 to 1", "retention drift coefficient", 0, 1, false, c => c.V, (c, v) => c with { V = v }),
        new("detect", "0 (random drift direction per read) or 1 (toward target)", "drift direction", 0, 1, true, c => c.Detect, (c, v) => c with { Detect = (int)v }),
        new("target", "a number from 0 to 1", "drift target, as a fraction of the cell's level range", 0, 1, false, c => c.Target, (c, v) => c with { Target = v }),
        new("rate_stuck_0", "a number from 0 to 1", "fraction of cells stuck at Gmin", 0, 1, false, c => c.RateStuck0, (c, v) => c with { RateStuck0 = v }),
        new("rate_stuck_1", "a number from 0 to 1", "fraction of cells stuck at Gmax", 0, 1, false, c => c.RateStuck1, (c, v) => c with { RateStuck1 = v }),
        new("v2Quirks", "true or false", "reproduce V2.0's dropped rows and 3x3-only kernels (docs/reference-deviations.md)", 0, 1, true, c => c.V2Quirks ? 1 : 0, (c, v) => c with { V2Quirks = v != 0 }),
    ];

    private static readonly FrozenDictionary<string, AccuracyKey> ByName = All.ToFrozenDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    public static bool TryGet(string name, out AccuracyKey key) => ByName.TryGetValue(name, out key!);

    /// <summary>V2.0 inference names of chip keys, with what they set (README, "The accuracy replay").</summary>
    public static readonly IReadOnlyList<(string Alias, string Mapping)> Aliases =
    [
        ("ADCprecision", "levelOutput = 2^ADCprecision (an integer from 1 to 10)"),
        ("subArray", "numRowSubArray = numColSubArray = subArray"),
        ("onoffratio", "resistanceOff = onoffratio × resistanceOn (the resistanceOn in effect where it is set)"),
    ];

    /// <summary>
    /// The chip settings an alias stands for, given the configuration so far (<c>onoffratio</c> reads resistanceOn), or null
    /// when <paramref name="key"/> is no alias; <paramref name="error"/> says why the value cannot be mapped.
    /// </summary>
    public static IReadOnlyList<(string Key, string Value)>? Expand(string key, string value, HardwareConfig config, out string? error)
    {
        error = null;
        var alias = Aliases.FirstOrDefault(a => a.Alias.Equals(key, StringComparison.OrdinalIgnoreCase)).Alias;
        if (alias is null) return null;
        if (!CppLiteral.TryEvaluate(value, out var x, out var why))
        {
            error = $"'{CppLiteral.Shorten(value)}' is not valid: {why}";
            return [];
        }
        string F(double d) => d.ToString("R", CultureInfo.InvariantCulture);
        switch (alias)
        {
            case "ADCprecision":
                if (x != Math.Floor(x) || x is < 1 or > 10) { error = $"{F(x)} is not allowed; allowed: an integer from 1 to 10 (levelOutput = 2^ADCprecision)"; return []; }
                return [("levelOutput", F(Math.Pow(2, x)))];
            case "subArray":
                return [("numRowSubArray", value), ("numColSubArray", value)];
            default:
                if (!(x > 1) || double.IsInfinity(x)) { error = $"{F(x)} is not allowed; allowed: a number above 1 (resistanceOff = onoffratio × resistanceOn)"; return []; }
                return [("resistanceOff", F(x * config.ResistanceOn))];
        }
    }
}
