using System.Reflection;

namespace NeuroSim.Replay.Core.Runs;

/// <summary>Versions recorded with every run, so a result can be traced to the code that produced it.</summary>
public static class SoftwareVersions
{
    public static Dictionary<string, string> Current() => new()
    {
        ["neurosim-replay"] = typeof(SoftwareVersions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        ["dotnet"] = Environment.Version.ToString(),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
    };
}
