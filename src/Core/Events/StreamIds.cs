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

    public const string StudyPrefix = "study-";

    /// <summary>A study's plan and progress (<c>study-NAME</c>); study names follow the run names' rule.</summary>
    public static StreamId Study(string studyName) =>
        IsValidRunName(studyName) ? new StreamId(StudyPrefix + studyName) : throw new ArgumentException($"Invalid study name '{studyName}': use {RunNameRule}.", nameof(studyName));

    public const string CheckpointPrefix = "checkpoint-";

    /// <summary>The prefix of a run's checkpoint streams (<c>checkpoint-RUN.epoch-N</c>); what follows it is the epoch's digits.</summary>
    public static string CheckpointsOf(string runName) => $"{CheckpointPrefix}{Run(runName).Value[RunPrefix.Length..]}.epoch-";

    /// <summary>The stream holding a run's checkpoint after <paramref name="epoch"/> (server stores; file stores keep them beside the file).</summary>
    public static StreamId Checkpoint(string runName, int epoch) => new(CheckpointsOf(runName) + epoch.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The epoch of a checkpoint stream of <paramref name="runName"/>, or null when the stream is another run's.</summary>
    public static int? CheckpointEpoch(string runName, StreamId stream)
    {
        var prefix = CheckpointsOf(runName);
        var rest = stream.Value.AsSpan();
        return rest.StartsWith(prefix, StringComparison.Ordinal) && rest[prefix.Length..] is { Length: > 0 and < 10 } digits
            && digits.IndexOfAnyExceptInRange('0', '9') < 0 ? int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public static string RunNameOf(StreamId runStream) =>
        runStream.Value.StartsWith(RunPrefix, StringComparison.Ordinal) ? runStream.Value[RunPrefix.Length..] : throw new ArgumentException($"'{runStream}' is not a run stream.");

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex RunNamePattern();
}
