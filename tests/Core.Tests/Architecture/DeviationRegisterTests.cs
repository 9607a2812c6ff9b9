using System.Text.RegularExpressions;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Architecture;

/// <summary>
/// docs/reference-deviations.md stays true to the code: every id the code carries is registered, and every C# file an
/// entry names carries its id (so <c>grep RD-NN</c> finds the places the register promises), and every source file
/// carrying an id is named by its entry.
/// </summary>
public sealed partial class DeviationRegisterTests
{
    private static string Root => GoldenData.Repository;

    private static Dictionary<string, string> Entries()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "reference-deviations.md"));
        return EntryStart().Split(text).Skip(1)
            .Select(e => (Id: EntryId().Match(e).Groups[1].Value, Body: e))
            .ToDictionary(e => e.Id, e => e.Body);
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    [Fact]
    public void Every_id_in_the_code_is_registered()
    {
        var registered = Entries().Keys.ToHashSet();
        var unregistered = SourceFiles("src").Concat(SourceFiles("tests"))
            .SelectMany(f => Id().Matches(File.ReadAllText(f)).Select(m => (File: Relative(f), Id: m.Value)))
            .Where(x => !registered.Contains(x.Id)).Select(x => $"{x.File}: {x.Id}").Distinct().ToList();
        Assert.True(unregistered.Count == 0, "ids not in docs/reference-deviations.md:\n" + string.Join("\n", unregistered));
    }

    [Fact]
    public void Every_code_file_an_entry_names_exists_and_carries_the_id_and_every_source_file_with_an_id_is_named()
    {
        var problems = new List<string>();
        var entries = Entries();
        foreach (var (id, body) in entries)
        {
            var code = CodeField().Match(body);
            var named = code.Success ? CodePath().Matches(code.Groups[1].Value).Select(m => m.Value).ToHashSet() : [];
            foreach (var file in named)
            {
                var path = Path.Combine(Root, file);
                if (!File.Exists(path)) problems.Add($"{id}: names {file}, which does not exist");
                else if (!Regex.IsMatch(File.ReadAllText(path), $@"\b{id}\b")) problems.Add($"{id}: names {file}, which does not carry the id");
            }
            foreach (var file in SourceFiles("src").Where(f => Regex.IsMatch(File.ReadAllText(f), $@"\b{id}\b")).Select(Relative))
                if (!named.Contains(file)) problems.Add($"{id}: {file} carries the id but the entry's Code field does not name it");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex(@"\n(?=## RD-\d+)")]
    private static partial Regex EntryStart();

    [GeneratedRegex(@"^## (RD-\d+)")]
    private static partial Regex EntryId();

    [GeneratedRegex(@"\bRD-\d+\b")]
    private static partial Regex Id();

    [GeneratedRegex(@"- \*\*Code:\*\* (.*)")]
    private static partial Regex CodeField();

    [GeneratedRegex(@"(?:src|tests)/[\w./-]+\.cs")]
    private static partial Regex CodePath();
}
