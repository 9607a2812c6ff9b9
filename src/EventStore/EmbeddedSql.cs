using System.Reflection;

namespace NeuroSim.Replay.EventStore;

/// <summary>A backend's SQL scripts, embedded in its assembly (<c>&lt;EmbeddedResource Include="*.sql" /&gt;</c>).</summary>
public static class EmbeddedSql
{
    /// <summary>The text of the script whose resource name ends with <c>.NAME</c> in <paramref name="assembly"/>.</summary>
    public static string Load(Assembly assembly, string name)
    {
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
