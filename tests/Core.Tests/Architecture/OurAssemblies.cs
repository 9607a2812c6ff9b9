using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NeuroSim.Replay.Core.Tests.Architecture;

/// <summary>
/// Every assembly of ours as a built file, read as metadata (the apps are not loaded: the Recorder would
/// bring TorchSharp). The libraries sit beside this test assembly; the apps in their own artifacts folders
/// (<c>artifacts/bin/APP/PIVOT/</c>, the same pivot as this test's), built first through the test project's
/// references.
/// </summary>
public static class OurAssemblies
{
    public const string ChipModel = "NeuroSim.Replay.ChipModel";
    public const string EventStore = "NeuroSim.Replay.EventStore";
    public const string EventStoreSqlite = "NeuroSim.Replay.EventStore.Sqlite";
    public const string EventStorePostgres = "NeuroSim.Replay.EventStore.Postgres";
    public const string Core = "NeuroSim.Replay.Core";
    public const string Cli = "NeuroSim.Replay.Cli";
    public const string DataSets = "NeuroSim.Replay.DataSets";
    public const string Accuracy = "NeuroSim.Replay.Accuracy";
    public const string Figures = "NeuroSim.Replay.Figures";
    public const string Audit = "NeuroSim.Replay.Audit";
    public const string Recorder = "NeuroSim.Replay.Recorder";
    public const string Replayer = "NeuroSim.Replay.Replayer";
    public const string Analyzer = "NeuroSim.Replay.Analyzer";

    public static readonly IReadOnlyList<string> Libraries = [ChipModel, EventStore, EventStoreSqlite, EventStorePostgres, Core, Cli, DataSets, Accuracy, Figures, Audit];
    public static readonly IReadOnlyList<string> Apps = [Recorder, Replayer, Analyzer];
    public static IEnumerable<string> All => Libraries.Concat(Apps);

    /// <summary>The built file of one of our assemblies.</summary>
    public static string PathOf(string assembly)
    {
        var here = Path.GetDirectoryName(typeof(OurAssemblies).Assembly.Location)!;
        var beside = Path.Combine(here, assembly + ".dll");
        if (!Apps.Contains(assembly) && File.Exists(beside)) return beside;
        // here = artifacts/bin/Core.Tests/<pivot>; an app (or a library only apps use) is in artifacts/bin/<Project>/<pivot>.
        var pivot = Path.GetFileName(here);
        var bin = Path.GetDirectoryName(Path.GetDirectoryName(here))!;
        return Path.Combine(bin, assembly["NeuroSim.Replay.".Length..], pivot, assembly + ".dll");
    }

    /// <summary>The assemblies <paramref name="assembly"/>'s metadata references (what its code uses).</summary>
    public static IReadOnlyList<string> ReferencesOf(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(PathOf(assembly)));
        var md = pe.GetMetadataReader();
        return [.. md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).Order(StringComparer.Ordinal)];
    }

    /// <summary>An assembly of the shared framework (the BCL), not a package and not ours.</summary>
    public static bool IsFramework(string assemblyName)
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return assemblyName is "netstandard" or "mscorlib" || File.Exists(Path.Combine(framework, assemblyName + ".dll"));
    }

    /// <summary>
    /// Writable static fields and static properties with setters in <paramref name="assembly"/>, skipping
    /// compiler-generated types and fields (names with '&lt;': closures, backing fields, which the property
    /// check covers) and protobuf-generated contract code.
    /// </summary>
    public static IEnumerable<string> MutableStatics(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(PathOf(assembly)));
        var md = pe.GetMetadataReader();
        var found = new List<string>();
        foreach (var th in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(th);
            var name = md.GetString(type.Name);
            var ns = NamespaceOf(md, type);
            if (name.Contains('<') || ns.EndsWith(".Contracts", StringComparison.Ordinal)) continue;
            var full = ns.Length > 0 ? $"{ns}.{name}" : name;
            foreach (var fh in type.GetFields())
            {
                var f = md.GetFieldDefinition(fh);
                var a = f.Attributes;
                if ((a & System.Reflection.FieldAttributes.Static) != 0 && (a & System.Reflection.FieldAttributes.InitOnly) == 0
                    && (a & System.Reflection.FieldAttributes.Literal) == 0 && !md.GetString(f.Name).Contains('<'))
                    found.Add($"{assembly}: {full}.{md.GetString(f.Name)} (field)");
            }
            foreach (var ph in type.GetProperties())
            {
                var p = md.GetPropertyDefinition(ph);
                var setter = p.GetAccessors().Setter;
                if (!setter.IsNil && (md.GetMethodDefinition(setter).Attributes & System.Reflection.MethodAttributes.Static) != 0)
                    found.Add($"{assembly}: {full}.{md.GetString(p.Name)} (property)");
            }
        }
        return found;
    }

    private static string NamespaceOf(MetadataReader md, TypeDefinition type)
    {
        while (type.GetDeclaringType() is { IsNil: false } outer) type = md.GetTypeDefinition(outer);
        return md.GetString(type.Namespace);
    }
}
