namespace NeuroSim.Replay.TestSupport;

/// <summary>Store files damaged on purpose, as a failing disk or a stray write would.</summary>
public static class StoreFiles
{
    /// <summary>Overwrites the start of every 4 KiB page after the first two (the b-tree page headers) with garbage.</summary>
    public static async Task DamagePages(string path, CancellationToken ct = default)
    {
        await using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var garbage = Enumerable.Range(0, 64).Select(i => (byte)(0xA5 ^ (i * 31))).ToArray();
        for (long page = 2; page * 4096 < f.Length; page++)
        {
            f.Position = page * 4096;
            await f.WriteAsync(garbage, ct);
        }
    }
}
