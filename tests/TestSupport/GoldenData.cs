using System.Formats.Tar;
using System.IO.Compression;

namespace NeuroSim.Replay.TestSupport;

/// <summary>
/// Finds ../shared/golden beside the repository and unpacks its traces once into artifacts/golden/.
/// When the folder is absent, <see cref="SkipReason"/> says why the fidelity tests are skipped.
/// </summary>
public static class GoldenData
{
    private static readonly Lazy<string> RepoRoot = new(FindRepoRoot);
    private static readonly object UnpackLock = new();

    public static string Repository => RepoRoot.Value;

    /// <summary>The golden folder, or null when this machine has none.</summary>
    public static string? Root
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("NEUROSIM_GOLDEN");
            var path = env is { Length: > 0 } ? env : Path.GetFullPath(Path.Combine(Repository, "..", "shared", "golden"));
            return Directory.Exists(path) ? path : null;
        }
    }

    public static string SkipReason =>
        $"golden data not found at {Path.GetFullPath(Path.Combine(Repository, "..", "shared", "golden"))} " +
        "(CI has ../shared/golden beside the clone; set NEUROSIM_GOLDEN to point elsewhere): fidelity test skipped";

    /// <summary>
    /// Names of the traces: the golden ones (folders of ../shared/golden holding trace.tar.gz) and the repository's
    /// own (tests/ReferenceRuns/TRACE/trace.tar.gz, traces our recorder made; these need no golden folder).
    /// </summary>
    public static IReadOnlyList<string> Traces =>
        TraceRoots.Where(Directory.Exists)
            .SelectMany(r => Directory.GetDirectories(r).Where(d => File.Exists(Path.Combine(d, "trace.tar.gz"))).Select(Path.GetFileName).OfType<string>())
            .Distinct().Order().ToList();

    /// <summary>Whether a trace can be unpacked on this machine (golden folder present, or kept in the repository).</summary>
    public static bool Has(string trace) => trace.Length > 0 && Tarball(trace) is not null;

    private static string? Tarball(string trace) =>
        TraceRoots.Select(r => Path.Combine(r, trace, "trace.tar.gz")).FirstOrDefault(File.Exists);

    /// <summary>Where traces are looked for, golden first.</summary>
    private static IEnumerable<string> TraceRoots => new[] { Root, RepositoryRunsRoot }.OfType<string>();

    /// <summary>The unpacked V2.0 working directory of a trace (unpacked on first use).</summary>
    public static string TraceDirectory(string trace)
    {
        var tarball = Tarball(trace) ?? throw new InvalidOperationException($"trace '{trace}': {SkipReason}");
        var info = new FileInfo(tarball);
        var target = Path.Combine(Repository, "artifacts", "golden", $"{trace}-{info.Length}");
        var done = Path.Combine(target, ".unpacked");
        lock (UnpackLock)
        {
            if (!File.Exists(done))
            {
                using var mutex = new Mutex(false, "neurosim-golden-" + trace);
                mutex.WaitOne();
                try
                {
                    if (!File.Exists(done))
                    {
                        if (Directory.Exists(target)) Directory.Delete(target, true);
                        Directory.CreateDirectory(target);
                        using var gz = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
                        TarFile.ExtractToDirectory(gz, target, overwriteFiles: true);
                        File.WriteAllText(done, DateTime.UtcNow.ToString("O"));
                    }
                }
                finally
                {
                    mutex.ReleaseMutex();
                }
            }
        }
        return Path.Combine(target, "trace");
    }

    /// <summary>The configurations recorded for a golden trace.</summary>
    public static IReadOnlyList<string> Configs(string trace) =>
        Root is { } r && Directory.Exists(Path.Combine(r, trace, "configs"))
            ? Directory.GetDirectories(Path.Combine(r, trace, "configs")).Select(Path.GetFileName).OfType<string>().Order().ToList()
            : [];

    /// <summary>
    /// Reference outputs for further configurations of the golden traces, kept in this repository
    /// (tests/ReferenceRuns/TRACE/CONFIG, same layout as a golden configuration; see the README there).
    /// </summary>
    public static string RepositoryRunsRoot => Path.Combine(Repository, "tests", "ReferenceRuns");

    private const string RepositoryPrefix = "repository/";

    /// <summary>
    /// Every (trace, configuration) pair: the golden ones found in ../shared/golden and those listed in
    /// tests/TestSupport/golden-cases.txt (so that each is reported by name, skipped with <see cref="SkipReasonFor"/>,
    /// when this machine lacks it), then those of <see cref="RepositoryRunsRoot"/> (named <c>repository/NAME</c>),
    /// whether or not this machine has their trace.
    /// </summary>
    public static IReadOnlyList<(string Trace, string Config)> AllConfigs()
    {
        var found = Traces.SelectMany(t => Configs(t).Select(c => (t, c)));
        var listed = File.ReadAllLines(Path.Combine(Repository, "tests", "TestSupport", "golden-cases.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('/', 2)).Select(p => (p[0], p[1]));
        var all = found.Union(listed).Order().ToList();
        if (Directory.Exists(RepositoryRunsRoot))
            foreach (var dir in Directory.GetDirectories(RepositoryRunsRoot).Order())
                all.AddRange(Directory.GetDirectories(dir).Where(c => File.Exists(Path.Combine(c, "params.txt"))).Order()
                    .Select(c => (Path.GetFileName(dir), RepositoryPrefix + Path.GetFileName(c))));
        return all;
    }

    /// <summary>Whether this machine has the trace and the reference outputs of one case.</summary>
    public static bool Has(string trace, string config) =>
        Has(trace) && (config.StartsWith(RepositoryPrefix, StringComparison.Ordinal) || Root is not null) && Directory.Exists(ConfigDirectory(trace, config));

    /// <summary>Why one case cannot run here (its trace or its reference outputs are missing).</summary>
    public static string SkipReasonFor(string trace, string config) =>
        Root is null ? $"{trace}/{config}: {SkipReason}"
        : !Has(trace) ? $"{trace}/{config}: trace '{trace}' is neither in {Root} nor in {RepositoryRunsRoot}: fidelity test skipped"
        : $"{trace}/{config}: listed in tests/TestSupport/golden-cases.txt but not in {Root}: fidelity test skipped";

    /// <summary>The folder of one golden (or repository) configuration.</summary>
    public static string ConfigDirectory(string trace, string config) =>
        config.StartsWith(RepositoryPrefix, StringComparison.Ordinal)
            ? Path.Combine(RepositoryRunsRoot, trace, config[RepositoryPrefix.Length..])
            : Path.Combine(Root ?? throw new InvalidOperationException(SkipReason), trace, "configs", config);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeuroSim.Replay.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"NeuroSim.Replay.sln not found above {AppContext.BaseDirectory}");
    }
}
