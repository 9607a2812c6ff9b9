using System.Security.Cryptography;
using System.Text;

namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>
/// An accuracy configuration's identity: the SHA-256 of "accuracy/1" and the keys that differ from their defaults
/// (<c>key=value</c> lines in key order). Defaults are left out, so a key added later with a default keeps every stored
/// accuracy result's identity; the all-default configuration is "accuracy/1" alone.
/// </summary>
public static class AccuracyIdentity
{
    public const string Version = "accuracy/1";

    public static string CanonicalText(AccuracyConfig config)
    {
        var sb = new StringBuilder(Version).Append('\n');
        foreach (var (key, value) in Differences(config)) sb.Append(key).Append('=').Append(value).Append('\n');
        return sb.ToString();
    }

    public static string Hash(AccuracyConfig config) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(config))));

    /// <summary>The keys whose values differ from the defaults.</summary>
    public static IReadOnlyList<(string Key, string Value)> Differences(AccuracyConfig config) =>
        [.. AccuracyKeys.All.Where(k => k.Get(config) != k.Get(AccuracyConfig.Default)).Select(k => (k.Name, k.Format(config)))];
}
