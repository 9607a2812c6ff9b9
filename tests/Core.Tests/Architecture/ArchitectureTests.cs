using System.Reflection;
using System.Reflection.Emit;

namespace NeuroSim.Replay.Core.Tests.Architecture;

/// <summary>
/// The projects show the architecture: each has one job and references point one way (docs/architecture.md).
/// Read from the built assemblies' metadata, so a new reference fails here, not in review.
/// </summary>
public sealed class ArchitectureTests
{
    private static List<string> Ours(string assembly) => [.. OurAssemblies.ReferencesOf(assembly).Where(n => n.StartsWith("NeuroSim.Replay.", StringComparison.Ordinal))];

    private static List<string> Packages(string assembly) =>
        [.. OurAssemblies.ReferencesOf(assembly).Where(n => !n.StartsWith("NeuroSim.Replay.", StringComparison.Ordinal) && !OurAssemblies.IsFramework(n))];

    [Fact]
    public void ChipModel_references_nothing_of_ours_and_no_package()
    {
        Assert.Empty(Ours(OurAssemblies.ChipModel));
        Assert.Empty(Packages(OurAssemblies.ChipModel));
    }

    [Fact]
    public void ChipModel_does_no_file_or_database_io()
    {
        var io = typeof(NeuroSim.Replay.ChipModel.Circuit.Chip.ChipDesign).Assembly.GetTypes()
            .SelectMany(t => ReferencedTypes(t).Where(r => r.Namespace is "System.IO" or "System.Data" or "System.Net" || r == typeof(Console))
                .Select(r => $"{t.FullName} uses {r.FullName}"))
            .Distinct().ToList();
        Assert.True(io.Count == 0, string.Join("\n", io));
    }

    [Fact]
    public void EventStore_references_nothing_of_ours_and_no_package()
    {
        Assert.Empty(Ours(OurAssemblies.EventStore));
        Assert.Empty(Packages(OurAssemblies.EventStore));
    }

    [Fact]
    public void EventStore_Sqlite_references_only_the_store_contract_and_Microsoft_Data_Sqlite()
    {
        Assert.Equal([OurAssemblies.EventStore], Ours(OurAssemblies.EventStoreSqlite));
        Assert.All(Packages(OurAssemblies.EventStoreSqlite), p => Assert.Equal("Microsoft.Data.Sqlite", p));
    }

    [Fact]
    public void DataSets_references_nothing_of_ours_and_no_package()
    {
        Assert.Empty(Ours(OurAssemblies.DataSets));
        Assert.Empty(Packages(OurAssemblies.DataSets));
    }

    [Fact]
    public void Accuracy_references_Core_and_the_data_sets_and_no_training_or_UI_library()
    {
        Assert.Subset(new HashSet<string> { OurAssemblies.ChipModel, OurAssemblies.EventStore, OurAssemblies.Core, OurAssemblies.DataSets }, Ours(OurAssemblies.Accuracy).ToHashSet());
        Assert.DoesNotContain(OurAssemblies.ReferencesOf(OurAssemblies.Accuracy), n => n is "TorchSharp" or "Terminal.Gui" or "System.CommandLine");
    }

    [Fact]
    public void Figures_reference_only_the_chip_model_and_ScottPlot()
    {
        Assert.Subset(new HashSet<string> { OurAssemblies.ChipModel }, Ours(OurAssemblies.Figures).ToHashSet());
        // ScottPlot and the Skia renderer it draws with.
        Assert.All(Packages(OurAssemblies.Figures), p => Assert.True(p.StartsWith("ScottPlot", StringComparison.Ordinal) || p.StartsWith("SkiaSharp", StringComparison.Ordinal), p));
    }

    [Fact]
    public void The_audit_references_Core_and_ML_NET_and_no_training_UI_or_plotting_library()
    {
        Assert.Subset(new HashSet<string> { OurAssemblies.ChipModel, OurAssemblies.EventStore, OurAssemblies.Core }, Ours(OurAssemblies.Audit).ToHashSet());
        Assert.Contains(OurAssemblies.ReferencesOf(OurAssemblies.Audit), n => n.StartsWith("Microsoft.ML", StringComparison.Ordinal));
        Assert.DoesNotContain(OurAssemblies.ReferencesOf(OurAssemblies.Audit), n => n is "TorchSharp" or "Terminal.Gui" or "System.CommandLine" or "ScottPlot");
    }

    [Fact]
    public void Only_the_Analyzer_app_and_the_figure_and_audit_libraries_use_ScottPlot_or_ML_NET()
    {
        var users = OurAssemblies.All.Where(a => OurAssemblies.ReferencesOf(a).Any(n => n.StartsWith("ScottPlot", StringComparison.Ordinal) || n.StartsWith("Microsoft.ML", StringComparison.Ordinal)));
        Assert.Subset(new HashSet<string> { OurAssemblies.Figures, OurAssemblies.Audit, OurAssemblies.Analyzer }, users.ToHashSet());
    }

    [Fact]
    public void EventStore_Postgres_references_only_the_store_contract_and_Npgsql()
    {
        Assert.Equal([OurAssemblies.EventStore], Ours(OurAssemblies.EventStorePostgres));
        Assert.All(Packages(OurAssemblies.EventStorePostgres), p => Assert.Equal("Npgsql", p));
    }

    [Fact]
    public void No_backend_references_another_backend()
    {
        Assert.DoesNotContain(OurAssemblies.EventStorePostgres, Ours(OurAssemblies.EventStoreSqlite));
        Assert.DoesNotContain(OurAssemblies.EventStoreSqlite, Ours(OurAssemblies.EventStorePostgres));
    }

    [Fact]
    public void Core_references_the_chip_model_and_the_store_but_no_app_and_no_UI_or_training_library()
    {
        Assert.Subset(new HashSet<string> { OurAssemblies.ChipModel, OurAssemblies.EventStore, OurAssemblies.EventStoreSqlite, OurAssemblies.EventStorePostgres },
            Ours(OurAssemblies.Core).ToHashSet());
        Assert.DoesNotContain(OurAssemblies.ReferencesOf(OurAssemblies.Core), n => n is "TorchSharp" or "Terminal.Gui" or "System.CommandLine");
    }

    [Fact]
    public void Cli_references_no_app()
    {
        Assert.Subset(new HashSet<string> { OurAssemblies.ChipModel, OurAssemblies.EventStore, OurAssemblies.Core }, Ours(OurAssemblies.Cli).ToHashSet());
    }

    [Fact]
    public void No_library_references_an_app_and_no_app_references_another_app()
    {
        var offenders = OurAssemblies.All.SelectMany(a => Ours(a).Where(OurAssemblies.Apps.Contains).Select(r => $"{a} -> {r}")).ToList();
        Assert.Empty(offenders);
    }

    /// <summary>
    /// The chip model's levels, lowest first: a level's types may use its own level and lower ones, never a
    /// higher one (inputs → technology → gates → cells → periphery → buffers → layer data → subarrays → PE and
    /// WG unit → tile → chip).
    /// </summary>
    private static readonly string[][] Levels =
    [
        ["Hardware", "Network", "Traces", "Device"],
        ["Circuit.Technology"],
        ["Circuit"],
        ["Circuit.Gates"],
        ["Circuit.Cells"],
        ["Circuit.Periphery", "Circuit.Periphery.Adc", "Circuit.Interconnect"],
        ["Circuit.Buffers"],
        ["Circuit.Trace"],
        ["Circuit.SubArrays"],
        ["Circuit.ProcessingElement", "Circuit.WeightGradient"],
        ["Circuit.Tile"],
        ["Circuit.Chip"],
    ];

    private static int LevelOf(string ns)
    {
        var local = ns == "NeuroSim.Replay.ChipModel" ? "" : ns["NeuroSim.Replay.ChipModel.".Length..];
        var level = Array.FindIndex(Levels, l => l.Contains(local));
        Assert.True(level >= 0, $"namespace {ns} has no level in {nameof(ArchitectureTests)}.{nameof(Levels)}");
        return level;
    }

    [Fact]
    public void Chip_model_levels_use_only_their_own_and_lower_levels()
    {
        var offenders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(NeuroSim.Replay.ChipModel.Circuit.Chip.ChipDesign).Assembly.GetTypes())
        {
            if (type.Namespace is not { } ns || !ns.StartsWith("NeuroSim.Replay.ChipModel", StringComparison.Ordinal)) continue;
            var level = LevelOf(ns);
            foreach (var used in ReferencedTypes(type))
            {
                if (used.Assembly != type.Assembly || used.Namespace is not { } usedNs) continue;
                if (LevelOf(usedNs) > level) offenders.Add($"{ns} -> {usedNs} ({type.Name} uses {used.Name})");
            }
        }
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    /// <summary>Types <paramref name="type"/> uses: in its signatures, fields, locals and method bodies (IL operands).</summary>
    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || t.IsGenericParameter) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var a in t.GetGenericArguments()) Add(a);
                return;
            }
            found.Add(t);
        }
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        foreach (var f in type.GetFields(all)) Add(f.FieldType);
        foreach (var p in type.GetProperties(all)) Add(p.PropertyType);
        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (m is MethodInfo mi) Add(mi.ReturnType);
            foreach (var p in m.GetParameters()) Add(p.ParameterType);
            var body = m.GetMethodBody();
            if (body is null) continue;
            foreach (var l in body.LocalVariables) Add(l.LocalType);
            foreach (var member in IlOperands(m, body.GetILAsByteArray() ?? []))
            {
                switch (member)
                {
                    case Type t: Add(t); break;
                    case MethodBase mb: Add(mb.DeclaringType); if (mb is MethodInfo r) Add(r.ReturnType); break;
                    case FieldInfo fi: Add(fi.DeclaringType); Add(fi.FieldType); break;
                }
            }
        }
        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue =
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static IEnumerable<MemberInfo> IlOperands(MethodBase method, byte[] il)
    {
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            short value = il[i++];
            if (value == 0xFE) value = (short)(0xFE00 | il[i++]);
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                {
                    var token = BitConverter.ToInt32(il, i);
                    i += 4;
                    MemberInfo? member = null;
                    try { member = method.Module.ResolveMember(token, typeArgs, methodArgs); }
                    catch (ArgumentException) { }
                    if (member is not null) yield return member;
                    break;
                }
                default: i += 4; break;
            }
        }
    }
}
