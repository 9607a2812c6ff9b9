using System.Globalization;
using System.Text.RegularExpressions;

namespace NeuroSim.Replay.Core.IO;

/// <summary>Writes files so that a reader (or a killed writer) never leaves half a file behind.</summary>
public static partial class AtomicFile
{
    /// <summary>Writes to PATH.tmp-PID-GUID, flushes to disk, then renames over PATH.</summary>
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

    /// <summary>
    /// Creates <paramref name="directory"/> (if needed) to write into, and removes the temporary files that writers
    /// killed mid-write left there: names of <see cref="Write"/>'s pattern whose process no longer runs
    /// (<paramref name="processes"/>, default this machine's). A running process's temporary files stay.
    /// </summary>
    /// <returns>The files removed.</returns>
    public static IReadOnlyList<string> CreateFolder(string directory, IProcessProbe? processes = null)
    {
        Directory.CreateDirectory(directory);
        processes ??= new SystemProcessProbe();
        var removed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.tmp-*"))
        {
            var m = TempName().Match(Path.GetFileName(file));
            if (!m.Success || !int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (processes.StartTime(pid) is not null) continue;
            try
            {
                File.Delete(file);
                removed.Add(file);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    [GeneratedRegex(@"^.+\.tmp-([0-9]+)-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex TempName();
}
