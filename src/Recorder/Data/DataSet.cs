using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Data;

/// <summary>Images [N, C, H, W] (float32) and labels [N] (int64) for training and test, with where they came from.</summary>
public sealed record DataSet(string Name, string Source, Tensor TrainImages, Tensor TrainLabels, Tensor TestImages, Tensor TestLabels) : IDisposable
{
    public long TrainCount => TrainLabels.shape[0];
    public long TestCount => TestLabels.shape[0];
    public int Channels => (int)TrainImages.shape[1];
    public int Height => (int)TrainImages.shape[2];
    public int Width => (int)TrainImages.shape[3];

    public void Dispose()
    {
        TrainImages.Dispose();
        TrainLabels.Dispose();
        TestImages.Dispose();
        TestLabels.Dispose();
    }

    internal static DataSet From(string name, string source, float[] trainPixels, long[] trainLabels, float[] testPixels, long[] testLabels, int c, int h, int w) =>
        new(name, source,
            tensor(trainPixels).reshape(trainLabels.Length, c, h, w), tensor(trainLabels),
            tensor(testPixels).reshape(testLabels.Length, c, h, w), tensor(testLabels));
}

/// <summary>A data set file that cannot be read as its format says; names the file and what is wrong.</summary>
public sealed class DataFormatException(string file, string problem) : FormatException($"{file}: {problem}");
