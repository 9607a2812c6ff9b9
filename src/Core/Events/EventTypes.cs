using System.Collections.Frozen;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Core.Events;

/// <summary>
/// The stored name and schema version of every event message. The stored name is the snake_case
/// message name (<c>LayerTraceRecorded</c> → <c>layer_trace_recorded</c>), independent of the CLR type.
/// </summary>
public static class EventTypes
{
    /// <summary>Schema version written with each message type; readers accept this version or lower.</summary>
    private static readonly FrozenDictionary<string, (MessageDescriptor Descriptor, int SchemaVersion)> ByName =
        new (MessageDescriptor Descriptor, int Version)[]
        {
            (RunStarted.Descriptor, 1),
            (DeviceModelInitialized.Descriptor, 1),
            (EpochStarted.Descriptor, 1),
            (BatchUpdateApplied.Descriptor, 1),
            (LayerTraceRecorded.Descriptor, 1),
            (EpochTraced.Descriptor, 1),
            (LayerDeviceStateRecorded.Descriptor, 1),
            (EpochEvaluated.Descriptor, 1),
            (RunCompleted.Descriptor, 1),
            (RunAborted.Descriptor, 1),
            (RunResumed.Descriptor, 1),
            (CheckpointSaved.Descriptor, 1),
            (WrapperStatisticsRecorded.Descriptor, 1),
            (ReplayStarted.Descriptor, 1),
            (EpochEstimated.Descriptor, 1),
            (ReplayCompleted.Descriptor, 1),
            (AccuracyEstimated.Descriptor, 1),
            (StudyPlanned.Descriptor, 1),
            (StudyRunRecorded.Descriptor, 1),
            (StudyRunReplayed.Descriptor, 1),
            (StudyRunFailed.Descriptor, 1),
            (StudyCompleted.Descriptor, 1),
        }.ToFrozenDictionary(x => SnakeCase(x.Descriptor.Name), x => (x.Descriptor, x.Version));

    public static IEnumerable<string> All => ByName.Keys;

    public static string NameOf(MessageDescriptor descriptor) => SnakeCase(descriptor.Name);

    public static int SchemaVersionOf(string typeName) =>
        ByName.TryGetValue(typeName, out var t) ? t.SchemaVersion : throw new ArgumentException($"Unknown event type '{typeName}'.", nameof(typeName));

    public static bool TryGetDescriptor(string typeName, out MessageDescriptor descriptor, out int schemaVersion)
    {
        if (ByName.TryGetValue(typeName, out var t))
        {
            (descriptor, schemaVersion) = t;
            return true;
        }
        (descriptor, schemaVersion) = (null!, 0);
        return false;
    }

    internal static string SnakeCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
