using System.Globalization;
using System.Reflection;

namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>One configuration key: its Param.cpp name, the property it sets, and its rule.</summary>
public sealed record ConfigKey(string Name, PropertyInfo Property, string Rule, Func<double, bool> IsAllowed, string Description)
{
    public Type ValueType => Property.PropertyType;

    /// <summary>The smallest and largest allowed values (inclusive; bools 0 and 1).</summary>
    public double Min { get; init; }
    public double Max { get; init; }
    /// <summary>The level of the chip the key belongs to (a TOML table name: design, buffers, technology, interconnect, array, sram, device, training, dram).</summary>
    public string Group { get; init; } = "";
    /// <summary>For enumerations, every allowed value; empty for ranges.</summary>
    public System.Collections.Immutable.ImmutableArray<double> Choices { get; init; } = [];

    /// <summary>The first model version with this key; a later version's key is not part of an earlier version's configuration.</summary>
    public ReferenceVersion Since { get; init; } = ReferenceVersion.V20;

    /// <summary>
    /// RD-100: whether the key belongs to <paramref name="config"/>'s model: V2.1's keys only to V2.1 configurations, and
    /// <c>chipModel</c> itself only when it is not V2.0 — so a V2.0 configuration's canonical text, hash and stored keys
    /// are what they were before V2.1 existed.
    /// </summary>
    public bool AppliesTo(HardwareConfig config) =>
        Name == "chipModel" ? config.ChipModel != ReferenceVersion.V20 : config.ChipModel >= Since;

    public object Get(HardwareConfig config) => Property.GetValue(config)!;

    /// <summary>The canonical text of the key's value in <paramref name="config"/>.</summary>
    public string Format(HardwareConfig config) => FormatValue(Get(config));

    public static string FormatValue(object value) => value switch
    {
        bool b => b ? "true" : "false",
        ReferenceVersion v => ReferenceVersions.Format(v),
        int i => i.ToString(CultureInfo.InvariantCulture),
        // Enumerations are written as the reference's codes (memcelltype=1), so a configuration's identity is the same as with ints.
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The value as a number (bools as 0/1), for rule checks.</summary>
    public double NumericValue(HardwareConfig config) => Get(config) switch
    {
        bool b => b ? 1 : 0,
        int i => i,
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
        double d => d,
        var other => throw new InvalidOperationException($"Unsupported value type {other.GetType()}."),
    };
}
