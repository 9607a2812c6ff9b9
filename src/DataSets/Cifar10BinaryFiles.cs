namespace NeuroSim.Replay.DataSets;

/// <summary>
/// CIFAR-10 in its standard binary files (data_batch_1.bin … data_batch_5.bin, test_batch.bin; each record one
/// label byte and 3·32·32 pixel bytes, channel-major), normalized as V2.0 does: (x/255 − 0.5)/0.5. Batches
/// that are absent are skipped (at least one training batch and the test batch are needed).
/// </summary>
public static class Cifar10BinaryFiles
{
    public const int Side = 32, RecordBytes = 1 + 3 * Side * Side;

    public static ImageSet Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: CIFAR-10 folder not found");
        var trainFiles = Enumerable.Range(1, 5).Select(i => Path.Combine(folder, $"data_batch_{i}.bin")).Where(File.Exists).ToList();
        if (trainFiles.Count == 0) throw new FileNotFoundException($"{folder}: no data_batch_N.bin (CIFAR-10 binary version)");
        var (trainX, trainY) = Read(trainFiles);
        var (testX, testY) = Read([Path.Combine(folder, "test_batch.bin")]);
        return new ImageSet("cifar10", Path.GetFullPath(folder), 3, Side, Side, trainX, trainY, testX, testY);
    }

    private static (float[] Pixels, long[] Labels) Read(IReadOnlyList<string> files)
    {
        foreach (var file in files)
        {
            if (!File.Exists(file)) throw new FileNotFoundException($"{file}: missing (CIFAR-10 batch)");
            var length = new FileInfo(file).Length;
            if (length == 0 || length % RecordBytes != 0)
                throw new DataFormatException(file, $"{length} bytes is not a whole number of {RecordBytes}-byte records");
        }
        // Sized once: the five training batches are 50,000 records (600 MB of floats), too many to grow a list by.
        var records = files.Sum(f => new FileInfo(f).Length / RecordBytes);
        var pixels = new float[records * (RecordBytes - 1)];
        var labels = new long[records];
        var record = 0L;
        foreach (var file in files)
        {
            var b = File.ReadAllBytes(file);
            if (b.Length % RecordBytes != 0) throw new DataFormatException(file, $"{b.Length} bytes is not a whole number of {RecordBytes}-byte records (changed while read)");
            for (var r = 0; r < b.Length / RecordBytes; r++, record++)
            {
                var label = b[r * RecordBytes];
                if (label > 9) throw new DataFormatException(file, $"record {r}: label {label} is not 0-9");
                labels[record] = label;
                var target = pixels.AsSpan((int)(record * (RecordBytes - 1)), RecordBytes - 1);
                for (var i = 0; i < target.Length; i++) target[i] = (b[r * RecordBytes + 1 + i] / 255f - 0.5f) / 0.5f;
            }
        }
        return (pixels, labels);
    }
}
