using NeuroSim.Replay.DataSets;
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

    /// <summary>The plain arrays (src/DataSets, read without TorchSharp, as the accuracy replay reads them) as tensors.</summary>
    public static DataSet From(ImageSet s) =>
        new(s.Name, s.Source,
            tensor(s.TrainPixels).reshape(s.TrainCount, s.Channels, s.Height, s.Width), tensor(s.TrainLabels),
            tensor(s.TestPixels).reshape(s.TestCount, s.Channels, s.Height, s.Width), tensor(s.TestLabels));
}
