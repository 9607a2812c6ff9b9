using System.Security.Cryptography;
using System.Text;

namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>
/// A configuration's stable identity: the SHA-256 of its canonical text (every key, in Param.cpp
/// order, as <c>key=value</c> lines). Equal settings give equal hashes, whatever file or flags they came from.
/// </summary>
public static class ConfigIdentity
{
    public static string CanonicalText(HardwareConfig config)
    {
        var sb = new StringBuilder();
        // RD-100: only the keys of the configuration's model (a V2.0 configuration's text is what it was before V2.1).
        foreach (var key in ConfigKeys.All.Where(k => k.AppliesTo(config))) sb.Append(key.Name).Append('=').Append(key.Format(config)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Hex SHA-256 of the canonical text.</summary>
    public static string Hash(HardwareConfig config) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(config))));

    /// <summary>A short id for stream names and folders: the first 12 hex digits of the hash.</summary>
    public static string Id(HardwareConfig config) => Hash(config)[..12];

    /// <summary>
    /// The keys whose values differ from <paramref name="baseline"/> (default: the defaults of the configuration's own model
    /// version, with <c>chipModel</c> itself listed when it is not V2.0).
    /// </summary>
    public static IReadOnlyList<(string Key, string Value, string Baseline)> Differences(HardwareConfig config, HardwareConfig? baseline = null)
    {
        baseline ??= HardwareConfig.DefaultsOf(config.ChipModel) with { ChipModel = ReferenceVersion.V20 };
        return ConfigKeys.All
            .Where(k => k.AppliesTo(config) || k.AppliesTo(baseline))
            .Select(k => (k.Name, Value: k.Format(config), Baseline: k.Format(baseline)))
            .Where(x => x.Value != x.Baseline).ToList();
    }
}
