using Npgsql;

namespace NeuroSim.Replay.EventStore.Postgres;

/// <summary>Reads: each is one SQL statement, so it sees one snapshot without a transaction of its own.</summary>
public sealed partial class PostgresEventStore
{
    private const string EventColumns = "e.position, e.revision, e.event_id, e.type, e.schema_version, e.created, e.metadata::text, e.data";

    /// <summary>SQL: true when stream <c>s</c>'s last event is a tombstone.</summary>
    internal static string IsTombstoned(string schema) =>
        $"EXISTS (SELECT 1 FROM {schema}.events t WHERE t.stream = s.id AND t.revision = s.revision AND t.type = '{StreamTombstone.Type}')";

    /// <summary>
    /// The stream's row and its page of events in one statement: no row when the stream is missing or deleted, one row
    /// with no event when nothing matched.
    /// </summary>
    protected override async Task<StreamSlice?> ReadStreamSlice(StreamId streamId, long fromRevision, int maxCount,
        ReadDirection direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken)
    {
        var forwards = direction == ReadDirection.Forwards;
        await using var cmd = _dataSource.CreateCommand($"""
            SELECT s.revision, {EventColumns}
            FROM {S}.streams s LEFT JOIN LATERAL (
                SELECT * FROM {S}.events e
                WHERE e.stream = s.id AND e.revision {(forwards ? ">=" : "<=")} @from AND e.type <> '{StreamTombstone.Type}' {TypeFilter(types)}
                ORDER BY e.revision {(forwards ? "ASC" : "DESC")} LIMIT @max) e ON true
            WHERE s.name = @n AND NOT {IsTombstoned(S)}
            ORDER BY e.revision {(forwards ? "ASC" : "DESC")}
            """);
        cmd.Parameters.AddWithValue("n", streamId.Value);
        cmd.Parameters.AddWithValue("from", fromRevision);
        cmd.Parameters.AddWithValue("max", maxCount);
        AddTypes(cmd, types);
        long? last = null;
        var events = new List<RecordedEvent>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            last = r.GetInt64(0);
            if (!r.IsDBNull(1)) events.Add(ReadEvent(r, 1, streamId));
        }
        return last is { } l ? new StreamSlice(l, events) : null;
    }

    /// <summary>The page and the head in one statement (one snapshot): store_head always has its row.</summary>
    protected override async Task<AllSlice> ReadAllSlice(long fromPosition, int maxCount,
        IReadOnlyCollection<string>? types, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand($"""
            SELECT h.position, {EventColumns}, e.name
            FROM {S}.store_head h LEFT JOIN LATERAL (
                SELECT e.*, s.name FROM {S}.events e JOIN {S}.streams s ON s.id = e.stream
                WHERE e.position >= @from {TypeFilter(types)}
                ORDER BY e.position ASC LIMIT @max) e ON true
            ORDER BY e.position ASC
            """);
        cmd.Parameters.AddWithValue("from", fromPosition);
        cmd.Parameters.AddWithValue("max", maxCount);
        AddTypes(cmd, types);
        long head = -1;
        var events = new List<RecordedEvent>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            head = r.GetInt64(0);
            if (!r.IsDBNull(1)) events.Add(ReadEvent(r, 1, new StreamId(r.GetString(9))));
        }
        return new AllSlice(events, head);
    }

    protected override async Task<long> ReadHeadPositionCore(CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand($"SELECT position FROM {S}.store_head WHERE id = 1");
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    protected override async Task<IReadOnlyList<StreamInfo>> ListStreamsCore(string prefix, CancellationToken cancellationToken)
    {
        // Ordered by code point (COLLATE "C"), as the embedded store orders them, whatever the database's collation.
        await using var cmd = _dataSource.CreateCommand(
            $"SELECT s.name, s.revision, s.position, s.created FROM {S}.streams s WHERE starts_with(s.name, @p) AND s.revision >= 0 " +
            $"AND NOT {IsTombstoned(S)} ORDER BY s.name COLLATE \"C\"");
        cmd.Parameters.AddWithValue("p", prefix);
        var list = new List<StreamInfo>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new StreamInfo(new StreamId(r.GetString(0)), r.GetInt64(1), r.GetInt64(2), Utc(r.GetDateTime(3))));
        return list;
    }

    protected override async Task<StreamInfo?> GetStreamInfoCore(StreamId streamId, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand(
            $"SELECT s.revision, s.position, s.created FROM {S}.streams s WHERE s.name = @n AND s.revision >= 0 AND NOT {IsTombstoned(S)}");
        cmd.Parameters.AddWithValue("n", streamId.Value);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StreamInfo(streamId, r.GetInt64(0), r.GetInt64(1), Utc(r.GetDateTime(2)))
            : null;
    }

    private static string TypeFilter(IReadOnlyCollection<string>? types) =>
        types is null ? "" : types.Count == 0 ? "AND false" : "AND e.type = ANY(@types)";

    private static void AddTypes(NpgsqlCommand cmd, IReadOnlyCollection<string>? types)
    {
        if (types is { Count: > 0 }) cmd.Parameters.AddWithValue("types", types.ToArray());
    }

    /// <summary>An event from <see cref="EventColumns"/> starting at column <paramref name="at"/>.</summary>
    private static RecordedEvent ReadEvent(NpgsqlDataReader r, int at, StreamId streamId) => new(
        streamId,
        r.GetInt64(at + 1),
        r.GetInt64(at),
        r.GetGuid(at + 2),
        r.GetString(at + 3),
        r.GetInt32(at + 4),
        Utc(r.GetDateTime(at + 5)),
        EventMetadata.Deserialize(r.IsDBNull(at + 6) ? null : r.GetString(at + 6)),
        r.GetFieldValue<byte[]>(at + 7));

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
