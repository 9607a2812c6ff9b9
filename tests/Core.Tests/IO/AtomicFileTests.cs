using NeuroSim.Replay.Core.IO;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.IO;

/// <summary>Temporary files of writers killed mid-write are removed on the next write into their folder; a live writer's stay.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    public void Dispose() => _tmp.Dispose();

    private string Touch(params string[] parts)
    {
        var path = _tmp.Combine(parts);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "partial");
        return path;
    }

    [Fact]
    public void Creating_a_folder_removes_temporary_files_of_dead_writers_only()
    {
        var dead = ExitedProcess.Id();
        var stale = Touch("out", $"NeuroSim_Output.csv.tmp-{dead}-{Guid.NewGuid():N}");
        var live = Touch("out", $"summary.csv.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var notOurs = Touch("out", $"notes.tmp-{dead}-draft");
        var kept = Touch("out", "NeuroSim_Output.csv");
        var inSubfolder = Touch("out", "sub", $"x.csv.tmp-{dead}-{Guid.NewGuid():N}");

        var removed = AtomicFile.CreateFolder(_tmp.Combine("out"));

        Assert.Equal([stale], removed);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live), "a running process's temporary file stays");
        Assert.True(File.Exists(notOurs), "names not of our pattern stay");
        Assert.True(File.Exists(kept));
        Assert.True(File.Exists(inSubfolder), "only the folder written into is cleaned");
        Assert.Empty(AtomicFile.CreateFolder(_tmp.Combine("new", "folder")));
        Assert.True(Directory.Exists(_tmp.Combine("new", "folder")));
    }
}
