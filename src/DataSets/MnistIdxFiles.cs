using System.Buffers.Binary;

namespace NeuroSim.Replay.DataSets;

/// <summary>
/// MNIST in its original IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
/// t10k-labels-idx1-ubyte), each as is or gzipped as distributed (the same name ending in .gz): big-endian headers,
/// unsigned bytes; pixels scaled to [0, 1].
/// </summary>
public static class MnistIdxFiles
{
    public const string TrainImages = "train-images-idx3-ubyte";

    /// <summary>Whether <paramref name="folder"/> holds the training images, plain or gzipped.</summary>
    public static bool IsIn(string folder) => File.Exists(Path.Combine(folder, TrainImages)) || File.Exists(Path.Combine(folder, TrainImages + ".gz"));

    public static ImageSet Load(string folder)
    {
        var (trainX, h, w) = Images(Path.Combine(folder, "train-images-idx3-ubyte"));
        var trainY = Labels(Path.Combine(folder, "train-labels-idx1-ubyte"));
        var (testX, th, tw) = Images(Path.Combine(folder, "t10k-images-idx3-ubyte"));
        var testY = Labels(Path.Combine(folder, "t10k-labels-idx1-ubyte"));
        if (trainX.Length != trainY.Length * h * w) throw new DataFormatException(Path.Combine(folder, "train-labels-idx1-ubyte"), $"{trainY.Length} labels for {trainX.Length / (h * w)} images");
        if (testX.Length != testY.Length * th * tw) throw new DataFormatException(Path.Combine(folder, "t10k-labels-idx1-ubyte"), $"{testY.Length} labels for {testX.Length / (th * tw)} images");
        if (h != th || w != tw) throw new DataFormatException(Path.Combine(folder, "t10k-images-idx3-ubyte"), $"images are {th}x{tw}, training images {h}x{w}");
        return new ImageSet("mnist", Path.GetFullPath(folder), 1, h, w, trainX, trainY, testX, testY);
    }

    private static byte[] Read(string file, int magic, int headerInts)
    {
        byte[] bytes;
        if (File.Exists(file)) bytes = File.ReadAllBytes(file);
        else if (File.Exists(file + ".gz"))
        {
            file += ".gz";
            try
            {
                using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(file), System.IO.Compression.CompressionMode.Decompress);
                using var memory = new MemoryStream();
                gzip.CopyTo(memory);
                bytes = memory.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(file, $"not a readable gzip file ({e.Message})");
            }
        }
        else throw new FileNotFoundException($"{file}: missing (IDX file, plain or .gz)");
        if (bytes.Length < 4 * headerInts) throw new DataFormatException(file, $"{bytes.Length} bytes: too short for an IDX header");
        var found = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (found != magic) throw new DataFormatException(file, $"magic number 0x{found:x8}, expected 0x{magic:x8}");
        return bytes;
    }

    private static (float[] Pixels, int Height, int Width) Images(string file)
    {
        var b = Read(file, 0x803, 4);
        var n = BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(4));
        var h = BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(8));
        var w = BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(12));
        if (n < 0 || h <= 0 || w <= 0 || b.Length != 16 + (long)n * h * w)
            throw new DataFormatException(file, $"header says {n} images of {h}x{w}, file has {b.Length - 16} pixel bytes");
        var pixels = new float[n * h * w];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = b[16 + i] / 255f;
        return (pixels, h, w);
    }

    private static long[] Labels(string file)
    {
        var b = Read(file, 0x801, 2);
        var n = BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(4));
        if (n < 0 || b.Length != 8 + n) throw new DataFormatException(file, $"header says {n} labels, file has {b.Length - 8}");
        var labels = new long[n];
        for (var i = 0; i < n; i++)
        {
            if (b[8 + i] > 9) throw new DataFormatException(file, $"label {i} is {b[8 + i]}, not a digit");
            labels[i] = b[8 + i];
        }
        return labels;
    }
}
