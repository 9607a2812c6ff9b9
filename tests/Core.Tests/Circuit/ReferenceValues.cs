using System.Globalization;

namespace NeuroSim.Replay.Core.Tests.Circuit;

/// <summary>
/// Values printed by the reference model's own classes (built outside this repository) for fixed inputs:
/// files of "# node N" sections and "name value" lines under Circuit/Reference/.
/// </summary>
public static class ReferenceValues
{
    public static IReadOnlyDictionary<int, Dictionary<string, double>> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Circuit", "Reference", file);
        var result = new Dictionary<int, Dictionary<string, double>>();
        Dictionary<string, double>? current = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("# node ", StringComparison.Ordinal))
            {
                current = [];
                result[int.Parse(line[7..], CultureInfo.InvariantCulture)] = current;
                continue;
            }
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && current is not null)
                current[parts[0]] = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        return result;
    }

    /// <summary>Compares every computed value with the reference's, within <paramref name="tolerance"/> relative.</summary>
    public static void AssertMatches(IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> actual, double tolerance = 1e-9)
    {
        var failures = new List<string>();
        foreach (var (key, value) in actual)
        {
            if (!expected.TryGetValue(key, out var want)) { failures.Add($"{key}: no reference value"); continue; }
            var err = want == 0 ? Math.Abs(value) : Math.Abs(value - want) / Math.Abs(want);
            if (err > tolerance || double.IsNaN(value)) failures.Add($"{key}: expected {want:R}, got {value:R} (rel err {err:G3})");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
