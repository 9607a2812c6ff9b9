using System.Text.RegularExpressions;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Events;

/// <summary>The names of the project's streams, built in one place.</summary>
public static partial class StreamIds
{
    public const string RunPrefix = "run-";
    public const string ReplayPrefix = "replay-";

    /// <summary>Run names: letters, digits, '.', '_' and '-', 1–100 characters, starting with a letter or digit.</summary>
    public static bool IsValidRunName(string name) => RunNamePattern().IsMatch(name);

    public static string RunNameRule => "1–100 characters of letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static StreamId Run(string runName) =>
        IsValidRunName(runName) ? new StreamId(RunPrefix + runName) : throw new ArgumentException($"Invalid run name '{runName}': use {RunNameRule}.", nameof(runName));

    public static StreamId Replay(string runName, string configId) => new($"{ReplayPrefix}{runName}-{configId}");

    public static string RunNameOf(StreamId runStream) =>
        runStream.Value.StartsWith(RunPrefix, StringComparison.Ordinal) ? runStream.Value[RunPrefix.Length..] : throw new ArgumentException($"'{runStream}' is not a run stream.");

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex RunNamePattern();
}
