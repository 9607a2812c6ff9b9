namespace NeuroSim.Replay.Core.Tests.Architecture;

/// <summary>
/// Many configurations run concurrently in one process, so no code of ours keeps process-wide mutable
/// state: no writable static fields, no static properties with setters.
/// </summary>
public sealed class NoGlobalStateTests
{
    public static TheoryData<string> Assemblies() => [.. OurAssemblies.All];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Has_no_writable_static_fields_or_settable_static_properties(string assembly) =>
        Assert.Empty(OurAssemblies.MutableStatics(assembly));

    [Fact]
    public void Core_references_none_of_the_apps()
    {
        var refs = OurAssemblies.ReferencesOf(OurAssemblies.Core);
        Assert.DoesNotContain(refs, n => n is "NeuroSim.Replay.Recorder" or "NeuroSim.Replay.Replayer" or "NeuroSim.Replay.Analyzer" or "TorchSharp" or "Terminal.Gui");
    }
}
