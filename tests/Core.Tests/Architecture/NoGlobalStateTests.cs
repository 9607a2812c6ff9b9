using System.Reflection;
using System.Runtime.CompilerServices;

namespace NeuroSim.Replay.Core.Tests.Architecture;

/// <summary>
/// Many configurations run concurrently in one process, so no code of ours keeps process-wide mutable
/// state: no writable static fields, no static properties with setters.
/// </summary>
public sealed class NoGlobalStateTests
{
    public static IEnumerable<Assembly> OurAssemblies() => [typeof(EventStore.IEventStore).Assembly];

    [Fact]
    public void Core_has_no_writable_static_fields_or_settable_static_properties()
    {
        var offenders = new List<string>();
        foreach (var asm in OurAssemblies())
        {
            foreach (var type in asm.GetTypes())
            {
                if (type.IsDefined(typeof(CompilerGeneratedAttribute)) || type.Namespace?.EndsWith(".Contracts", StringComparison.Ordinal) == true)
                    continue;   // closures, lambdas, and protobuf-generated contract code
                const BindingFlags flags = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
                offenders.AddRange(type.GetFields(flags)
                    .Where(f => !f.IsInitOnly && !f.IsLiteral && !f.IsDefined(typeof(CompilerGeneratedAttribute)))
                    .Select(f => $"{type.FullName}.{f.Name} (field)"));
                offenders.AddRange(type.GetProperties(flags)
                    .Where(p => p.SetMethod is not null)
                    .Select(p => $"{type.FullName}.{p.Name} (property)"));
            }
        }
        Assert.Empty(offenders);
    }

    [Fact]
    public void Core_references_none_of_the_apps()
    {
        var refs = typeof(EventStore.IEventStore).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain(refs, n => n is "NeuroSim.Replay.Recorder" or "NeuroSim.Replay.Replayer" or "NeuroSim.Replay.Analyzer" or "TorchSharp" or "Terminal.Gui");
    }
}
