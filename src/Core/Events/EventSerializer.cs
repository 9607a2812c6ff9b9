using Google.Protobuf;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Core.Events;

/// <summary>Turns contract messages into stored events and back.</summary>
public static class EventSerializer
{
    /// <summary>Wraps <paramref name="message"/> as an event with the id derived from <paramref name="idName"/>.</summary>
    public static NewEvent ToNewEvent(IMessage message, string idName, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var type = EventTypes.NameOf(message.Descriptor);
        return new NewEvent(DeterministicGuid.Create(idName), type, EventTypes.SchemaVersionOf(type), message.ToByteArray(), metadata);
    }

    /// <summary>
    /// Parses a stored event into its message. Unknown types give null (a newer writer's events are skipped
    /// by older readers); a known type with a newer schema version than this build reads throws.
    /// </summary>
    public static IMessage? Deserialize(RecordedEvent e)
    {
        if (!EventTypes.TryGetDescriptor(e.Type, out var descriptor, out var version)) return null;
        if (e.SchemaVersion > version)
            throw new EventFormatException(e, $"schema version {e.SchemaVersion} is newer than this build reads ({version})");
        try
        {
            return descriptor.Parser.ParseFrom(e.Data.Span);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new EventFormatException(e, ex.Message);
        }
    }

    /// <summary>Parses a stored event that must be of type <typeparamref name="T"/>.</summary>
    public static T Deserialize<T>(RecordedEvent e) where T : class, IMessage<T>, new() =>
        Deserialize(e) as T ?? throw new EventFormatException(e, $"expected {typeof(T).Name}");
}

/// <summary>A stored event cannot be read.</summary>
public sealed class EventFormatException(RecordedEvent e, string detail)
    : Exception($"Event {e.StreamId}@{e.Revision} (position {e.Position}, type {e.Type}): {detail}.")
{
    public RecordedEvent Event { get; } = e;
}
