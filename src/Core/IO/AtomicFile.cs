namespace NeuroSim.Replay.Core.IO;

/// <summary>Writes files so that a reader (or a killed writer) never leaves half a file behind.</summary>
public static class AtomicFile
{
    /// <summary>Writes to PATH.tmp-…, flushes to disk, then renames over PATH.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var tmp = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>Writes UTF-8 text atomically.</summary>
    public static void WriteText(string path, string text) =>
        Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)));
}
