using NeuroSim.Replay.Core.Events;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace NeuroSim.Replay.Replayer.DropIn;

/// <summary>
/// Where the <c>NeuroSIM/main</c> drop-in records and with which chip it estimates: the store address, the run name and
/// the chip file (TOML or params.txt; none: V2.0's Param.cpp defaults). Read from <see cref="FileName"/> (written by
/// <c>install-v2-main</c> beside the launcher), each key overridden by its environment variable.
/// </summary>
public sealed record V2MainSettings(string Store, string Run, string? ChipFile)
{
    public const string FileName = "neurosim-v2-main.toml";
    /// <summary>The launcher sets this to its settings file; without it the file is looked for beside NetWork.csv.</summary>
    public const string ConfigVariable = "NEUROSIM_V2_MAIN_CONFIG";
    public const string StoreVariable = "NEUROSIM_V2_STORE";
    public const string RunVariable = "NEUROSIM_V2_RUN";
    public const string ChipVariable = "NEUROSIM_V2_CHIP";

    /// <summary>The settings for a call whose NetWork.csv is <paramref name="networkFile"/>; every problem names the file and line or the variable.</summary>
    public static V2MainSettings Resolve(Func<string, string?> environment, string networkFile)
    {
        var path = environment(ConfigVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(networkFile)) ?? ".", FileName);
        if (environment(ConfigVariable) is { Length: > 0 } && !File.Exists(path))
            throw new ArgumentException($"{ConfigVariable}: settings file '{path}' not found");
        var keys = File.Exists(path) ? Read(path) : new Dictionary<string, string>();
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string? Get(string key, string variable) => environment(variable) is { Length: > 0 } v ? v : keys.GetValueOrDefault(key);
        var store = Get("store", StoreVariable)
            ?? throw new ArgumentException($"no store configured: set 'store' in {path} (./neurosim install-v2-main DIR --store ADDRESS) or {StoreVariable}");
        var run = Get("run", RunVariable)
            ?? throw new ArgumentException($"no run configured: set 'run' in {path} (./neurosim install-v2-main DIR --run NAME) or {RunVariable}");
        if (!StreamIds.IsValidRunName(run))
            throw new ArgumentException($"run '{run}' ({(environment(RunVariable) is { Length: > 0 } ? RunVariable : path)}) is not a valid run name ({StreamIds.RunNameRule})");
        var chip = Get("chip", ChipVariable);
        if (chip is not null)
        {
            chip = Path.IsPathRooted(chip) ? chip : Path.GetFullPath(Path.Combine(folder, chip));
            if (!File.Exists(chip)) throw new ArgumentException($"chip file '{chip}' ({(environment(ChipVariable) is { Length: > 0 } ? ChipVariable : path)}) not found");
        }
        return new V2MainSettings(store, run, chip);
    }

    /// <summary>The settings file's keys; unknown keys and malformed lines are errors naming file and line.</summary>
    public static Dictionary<string, string> Read(string path)
    {
        var document = SyntaxParser.Parse(File.ReadAllText(path), path, false);
        if (document.Diagnostics.FirstOrDefault(d => d.Kind == DiagnosticMessageKind.Error) is { } error)
            throw new ArgumentException($"{path}:{error.Span.Start.Line + 1}: {error.Message}");
        if (document.Tables.FirstOrDefault() is { } table)
            throw new ArgumentException($"{path}:{table.Span.Start.Line + 1}: no tables here: store, run and chip at top level");
        var keys = new Dictionary<string, string>();
        foreach (var kv in document.KeyValues)
        {
            var line = kv.Span.Start.Line + 1;
            var key = kv.Key?.ToString().Trim().Trim('"') ?? "";
            if (key is not ("store" or "run" or "chip"))
                throw new ArgumentException($"{path}:{line}: unknown key '{key}' (keys: store, run, chip)");
            if (kv.Value is not StringValueSyntax s)
                throw new ArgumentException($"{path}:{line}: {key} must be a string");
            keys[key] = s.Value ?? "";
        }
        return keys;
    }

    /// <summary>The settings file's text, as install-v2-main writes it.</summary>
    public string ToToml()
    {
        static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        var sb = new System.Text.StringBuilder();
        sb.Append("# NeuroSim.Replay's drop-in for DNN+NeuroSim's NeuroSIM/main (./neurosim install-v2-main; uninstall-v2-main restores the original).\n");
        sb.Append("# Each call imports the epoch into this run of this store and estimates it with this chip.\n");
        sb.Append("# Environment variables override: NEUROSIM_V2_STORE, NEUROSIM_V2_RUN, NEUROSIM_V2_CHIP.\n");
        sb.Append($"store = {Quote(Store)}\n");
        sb.Append($"run = {Quote(Run)}\n");
        if (ChipFile is null) sb.Append("# chip = \"chip.toml\"   # a chip TOML or a params.txt, relative to this file; none: V2.0's Param.cpp defaults\n");
        else sb.Append($"chip = {Quote(ChipFile)}\n");
        return sb.ToString();
    }
}
