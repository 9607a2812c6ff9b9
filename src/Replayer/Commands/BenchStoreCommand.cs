using System.CommandLine;
using System.Globalization;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Text;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>
/// <c>bench-store [--pg ADDRESS] [--sizes 64K,256K,1M,4M] [--megabytes 256]</c>: append and read MB/s of trace-sized
/// events in a new embedded store (a temporary file) and, given a server, in a new schema of it; both removed after.
/// </summary>
public static class BenchStoreCommand
{
    public static Command Create(CommandIo io)
    {
        var pg = new Option<string?>("--pg")
        {
            Description = "A PostgreSQL server to measure too: postgres://USER@HOST:PORT/DATABASE (the bench makes and drops a schema of its own; default $NEUROSIM_TEST_PG).",
        };
        var sizes = new Option<string>("--sizes") { Description = "Event payload sizes (K, M suffixes).", DefaultValueFactory = _ => "64K,256K,1M,4M" };
        var megabytes = new Option<int>("--megabytes") { Description = "Payload megabytes appended per size and store.", DefaultValueFactory = _ => 256 };
        var cmd = new Command("bench-store", "Time appends and reads of trace-sized events in the embedded store and a PostgreSQL server.") { pg, sizes, megabytes };
        cmd.SetAction((parse, ct) => CommandErrors.Guard(io.Error, async () =>
        {
            var sizeList = parse.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseSize).ToList();
            var total = (long)parse.GetValue(megabytes) << 20;
            if (total <= 0) throw new ArgumentException("--megabytes: must be at least 1.");
            var dir = Directory.CreateTempSubdirectory("neurosim-bench-store-").FullName;
            var stores = new List<StoreAddress> { StoreAddress.Parse("file:" + Path.Combine(dir, "bench.db")) };
            if ((parse.GetValue(pg) ?? Environment.GetEnvironmentVariable("NEUROSIM_TEST_PG")) is { Length: > 0 } server)
            {
                var at = StoreAddress.Parse(server);
                if (at.IsFile) throw new ArgumentException($"--pg: '{at}' is not a postgres:// address.");
                stores.Add(StoreAddress.Parse(server.Split('?')[0] + $"?schema=bench_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}"));
            }
            else
            {
                await io.Error.WriteLineAsync("bench-store: no PostgreSQL given (--pg ADDRESS or $NEUROSIM_TEST_PG; ./neurosim pg-up starts one): the embedded store only.");
            }
            var table = new TextTable("store", "event size", "events", "MB", "append MB/s", "read MB/s");
            try
            {
                foreach (var store in stores)
                {
                    foreach (var size in sizeList)
                    {
                        var r = await StoreBench.Measure(store, size, total, ct);
                        table.Add(store.IsFile ? "file (SQLite)" : "postgres", Size(size), $"{r.Events}", F(r.Megabytes), F(r.AppendMBPerSecond), F(r.ReadMBPerSecond));
                    }
                    await store.Destroy(ct);
                }
            }
            finally
            {
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
            await io.Out.WriteLineAsync($"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB; " +
                $"{StoreBench.EventsPerAppend} events per append (one transaction); reads through a new handle, 32 MB pages, page cache warm");
            await io.Out.WriteAsync(table.ToString());
            return 0;
        }));
        return cmd;
    }

    private static int ParseSize(string s)
    {
        var (digits, scale) = s.ToUpperInvariant() switch
        {
            var t when t.EndsWith('K') => (t[..^1], 1 << 10),
            var t when t.EndsWith('M') => (t[..^1], 1 << 20),
            var t => (t, 1),
        };
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || (long)n * scale > 64 << 20)
            throw new ArgumentException($"--sizes: '{s}' is not a size from 16 bytes to 64M (e.g. 64K, 4M).");
        return Math.Max(16, n * scale);
    }

    private static string Size(int bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : bytes >= 1 << 10 ? $"{bytes >> 10} KiB" : $"{bytes} B";

    private static string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
}
