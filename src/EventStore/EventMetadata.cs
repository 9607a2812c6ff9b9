using System.Text.Json;

namespace NeuroSim.Replay.EventStore;

/// <summary>Event metadata as every backend stores it: a JSON object of strings, or nothing when there is none.</summary>
public static class EventMetadata
{
    public static readonly IReadOnlyDictionary<string, string> Empty = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The JSON text to store, null for no metadata.</summary>
    public static string? Serialize(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is null || metadata.Count == 0 ? null : JsonSerializer.Serialize(metadata);

    public static IReadOnlyDictionary<string, string> Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? Empty : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? Empty;

    /// <summary>Same keys and values, in any order (null and empty are the same).</summary>
    public static bool Same(IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string>? given) =>
        stored.Count == (given?.Count ?? 0)
        && (given is null || given.All(kv => stored.TryGetValue(kv.Key, out var v) && v == kv.Value));
}
