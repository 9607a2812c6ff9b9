using System.Globalization;
using NeuroSim.Replay.Recorder.Device;

namespace NeuroSim.Replay.Recorder.Training;

/// <summary>
/// Applies settings given by V2.0's names (from --set key=value or a TOML file) to the training settings and the
/// device model; an unknown key or a bad value is an error naming the key, its source and the allowed values.
/// </summary>
public static class SettingsParser
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "wl_weight", "wl_grad", "wl_activate", "wl_error", "cellBit", "max_level", "c2cVari", "d2dVari", "nonlinearityLTP", "nonlinearityLTD",
        "batch_size", "epochs", "grad_scale", "seed", "decreasing_lr", "test_interval", "max_batches", "trace_images",
    ];

    /// <summary>Whether a setting takes an integer (precisions, levels, sizes).</summary>
    public static bool IsInteger(string key) => key is "wl_weight" or "wl_grad" or "wl_activate" or "wl_error" or "cellBit" or "max_level" or "batch_size"
        or "epochs" or "test_interval" or "max_batches" or "trace_images" or "seed";

    public static (TrainingSettings Settings, DeviceModel Device) Apply(TrainingSettings s, DeviceModel d, string key, string value, string source)
    {
        int Int() => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Bad("an integer");
        double Num() => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : throw Bad("a number");
        ArgumentException Bad(string expected) => new($"{source}: {key} = '{value}': expected {expected}");
        return key switch
        {
            "wl_weight" => (s with { WlWeight = Int() }, d),
            "wl_grad" => (s with { WlGrad = Int() }, d),
            "wl_activate" => (s with { WlActivate = Int() }, d),
            "wl_error" => (s with { WlError = Int() }, d),
            "cellBit" => (s with { CellBit = Int() }, d),
            "batch_size" => (s with { BatchSize = Int() }, d),
            "epochs" => (s with { Epochs = Int() }, d),
            "grad_scale" => (s with { GradScale = Num() }, d),
            "seed" => (s with { Seed = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) && seed >= 0 ? seed : throw Bad("an integer ≥ 0") }, d),
            "decreasing_lr" => (s with { DecreasingLr = ParseList(value, Bad) }, d),
            "test_interval" => (s with { TestInterval = Int() }, d),
            "max_batches" => (s with { MaxBatches = Int() }, d),
            "trace_images" => (s with { TraceImages = Int() }, d),
            "max_level" => (s, d with { MaxLevel = Int() }),
            "c2cVari" => (s, d with { C2CVariation = Num() }),
            "d2dVari" => (s, d with { D2DVariation = Num() }),
            "nonlinearityLTP" => (s, d with { NonlinearityLtp = Num() }),
            "nonlinearityLTD" => (s, d with { NonlinearityLtd = Num() }),
            _ => throw new ArgumentException($"{source}: unknown setting '{key}'; known: {string.Join(", ", Keys)}"),
        };
    }

    /// <summary>Every setting by its V2.0 name, as <see cref="Apply"/> reads it back (recorded in RunStarted for audit and --resume).</summary>
    public static Dictionary<string, string> ToMap(TrainingSettings s, DeviceModel d)
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        return new()
        {
            ["wl_weight"] = $"{s.WlWeight}", ["wl_grad"] = $"{s.WlGrad}", ["wl_activate"] = $"{s.WlActivate}", ["wl_error"] = $"{s.WlError}",
            ["cellBit"] = $"{s.CellBit}", ["batch_size"] = $"{s.BatchSize}", ["epochs"] = $"{s.Epochs}", ["grad_scale"] = N(s.GradScale),
            ["seed"] = $"{s.Seed}", ["decreasing_lr"] = string.Join(",", s.DecreasingLr), ["test_interval"] = $"{s.TestInterval}",
            ["max_batches"] = $"{s.MaxBatches}", ["trace_images"] = $"{s.TraceImages}",
            ["max_level"] = $"{d.MaxLevel}", ["c2cVari"] = N(d.C2CVariation), ["d2dVari"] = N(d.D2DVariation),
            ["nonlinearityLTP"] = N(d.NonlinearityLtp), ["nonlinearityLTD"] = N(d.NonlinearityLtd),
        };
    }

    private static int[] ParseList(string value, Func<string, ArgumentException> bad)
    {
        if (value.Trim('[', ']', ' ').Length == 0) return [];
        var parts = value.Trim('[', ']', ' ').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : throw bad("epochs like 200,250")).ToArray();
    }

    /// <summary>A device file's <c>[update]</c> (what <c>fit-device</c> writes); the device takes the file's name.</summary>
    public static (TrainingSettings, DeviceModel) ApplyDeviceFile(TrainingSettings s, DeviceModel d, string path)
    {
        var file = Core.Devices.DeviceFile.Read(path);
        foreach (var u in file.Update) (s, d) = Apply(s, d, u.Key, u.Value, $"{path}:{u.Line}");
        return (s, d with { Name = file.Name });
    }

    /// <summary>A TOML file of V2.0 names: <c>key = value</c> at top level (arrays for decreasing_lr).</summary>
    public static (TrainingSettings, DeviceModel) ApplyToml(TrainingSettings s, DeviceModel d, string file)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"--config: file '{file}' not found");
        var text = File.ReadAllText(file);
        Tomlyn.Model.TomlTable model;
        try
        {
            model = Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(text, (Tomlyn.TomlSerializerOptions?)null)!;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new FormatException($"{file}: not valid TOML: {e.Message}");
        }
        foreach (var (key, value) in model)
        {
            var text1 = value switch
            {
                Tomlyn.Model.TomlArray a => string.Join(",", a.Select(x => Convert.ToString(x, CultureInfo.InvariantCulture))),
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value?.ToString() ?? "",
            };
            (s, d) = Apply(s, d, key, text1, file);
        }
        return (s, d);
    }
}
