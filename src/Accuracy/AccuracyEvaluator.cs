using NeuroSim.Replay.DataSets;

namespace NeuroSim.Replay.Accuracy;

/// <summary>A run's test images [N, C, H, W] (float32, as the recorder feeds them) and labels, with where they came from.</summary>
public sealed record TestImages(string Name, string Source, int Channels, int Height, int Width, float[] Pixels, long[] Labels)
{
    public int Count => Labels.Length;
    public int ImageSize => Channels * Height * Width;

    public static TestImages From(ImageSet s) => new(s.Name, s.Source, s.Channels, s.Height, s.Width, s.TestPixels, s.TestLabels);
}

/// <summary>How many test images one chip instance classified right.</summary>
public sealed record InstanceOutcome(int Instance, int Correct, int Total)
{
    public double Percent => 100.0 * Correct / Total;
}

/// <summary>
/// The test accuracy of a network (on a chip or in software) for one chip instance: the test images in batches of
/// <see cref="BatchSize"/> in data-set order (the ADC's range is each batch's, RD-89), the class with the largest output (the
/// first one on a tie, as torch's argmax) against the label.
/// </summary>
public static class AccuracyEvaluator
{
    /// <summary>V2.0's inference.py evaluates in batches of 1024.</summary>
    // RD-89: the ADC ranges over a batch; the batches are V2.0's.
    public const int BatchSize = 1024;

    public static InstanceOutcome Run(InferenceNetwork network, TestImages data, ulong seed, int instance, int parallelism, CancellationToken ct)
    {
        if (data.ImageSize != network.InputSize)
            throw new InvalidDataException($"test images of {data.Channels}x{data.Height}x{data.Width} do not fit the network's {network.InputSize} inputs");
        var stuck = network.ChipLayers.Select((l, i) => l?.DrawStuck(seed, instance, i)).ToList();
        var correct = 0;
        var classes = network.Classes;
        for (int start = 0, batch = 0; start < data.Count; start += BatchSize, batch++)
        {
            var n = Math.Min(BatchSize, data.Count - start);
            var images = new double[n * data.ImageSize];
            for (var i = 0; i < images.Length; i++) images[i] = data.Pixels[(long)start * data.ImageSize + i];
            var outputs = network.Forward(images, n, seed, instance, batch, stuck, parallelism, ct);
            for (var b = 0; b < n; b++)
            {
                var best = 0;
                for (var c = 1; c < classes; c++)
                    if (outputs[b * classes + c] > outputs[b * classes + best]) best = c;
                if (best == data.Labels[start + b]) correct++;
            }
        }
        return new InstanceOutcome(instance, correct, data.Count);
    }
}
