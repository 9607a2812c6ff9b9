namespace NeuroSim.Replay.EventStore;

/// <summary>
/// The name of an event stream, validated once: non-empty, at most 256 characters, no whitespace or
/// control characters, and not starting with <c>$</c> (reserved for the store's own streams).
/// </summary>
public readonly record struct StreamId
{
    public const int MaxLength = 256;

    public StreamId(string value)
    {
        if (!IsValid(value, out var why))
            throw new ArgumentException($"Invalid stream id '{value}': {why}.", nameof(value));
        Value = value;
    }

    public string Value { get; }

    public static bool IsValid(string? value, out string reason)
    {
        reason = "";
        if (string.IsNullOrEmpty(value)) { reason = "it is empty"; return false; }
        if (value.Length > MaxLength) { reason = $"it is longer than {MaxLength} characters"; return false; }
        if (value[0] == '$') { reason = "ids starting with '$' are reserved for the store"; return false; }
        foreach (var c in value)
            if (char.IsWhiteSpace(c) || char.IsControl(c)) { reason = "it contains whitespace or control characters"; return false; }
        return true;
    }

    public override string ToString() => Value;

    public static implicit operator string(StreamId id) => id.Value;
}
