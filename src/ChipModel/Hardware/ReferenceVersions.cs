using System.Globalization;

namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>How a <see cref="ReferenceVersion"/> is written and read (<c>v2.0</c>, <c>v2.1</c>; also <c>2.0</c>, <c>2.1</c>, <c>20</c>, <c>21</c>).</summary>
public static class ReferenceVersions
{
    public static string Format(ReferenceVersion version) => version switch
    {
        ReferenceVersion.V20 => "v2.0",
        ReferenceVersion.V21 => "v2.1",
        _ => ((int)version).ToString(CultureInfo.InvariantCulture),
    };

    public static bool TryParse(string text, out ReferenceVersion version)
    {
        var t = text.Trim().Trim('"').ToLowerInvariant();
        if (t.StartsWith('v')) t = t[1..];
        version = t switch
        {
            "2.0" or "20" or "2" => ReferenceVersion.V20,
            "2.1" or "21" => ReferenceVersion.V21,
            _ => 0,
        };
        return version != 0;
    }
}
