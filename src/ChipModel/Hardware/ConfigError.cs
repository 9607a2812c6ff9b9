namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>One problem with a configuration: the key (parameter path), the value, what is allowed, and where it came from.</summary>
public sealed record ConfigError(string Key, string Value, string Message, string? Source = null, int Line = 0)
{
    public override string ToString()
    {
        var where = Source is null ? "" : Line > 0 ? $"{Source}:{Line}: " : $"{Source}: ";
        return $"{where}{Key}: {Message}";
    }
}

/// <summary>A configuration was refused; <see cref="Errors"/> lists every problem found.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigError> errors)
    : ArgumentException(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
