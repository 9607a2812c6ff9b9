using Microsoft.Data.Sqlite;

namespace NeuroSim.Replay.EventStore.Sqlite;

public sealed partial class SqliteEventStore
{
    private const string EventColumns = "e.position, e.revision, e.event_id, e.type, e.schema_version, e.created_ms, e.metadata, e.data, s.name";

    protected override async Task<ReadStreamPage> ReadStreamCore(StreamId streamId, long fromRevision, int maxCount,
        ReadDirection direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken)
    {
        try
        {
            await using var conn = await OpenConnection(cancellationToken).ConfigureAwait(false);
            await using var tx = conn.BeginTransaction(deferred: true);   // one consistent snapshot
            var (key, last, _, deleted) = await ReadStreamHead(conn, tx, streamId, cancellationToken).ConfigureAwait(false);
            Func<long, CancellationToken, Task<ReadStreamPage>> next = (from, ct) => ReadStreamCore(streamId, from, maxCount, direction, types, ct);
            if (key is null || deleted)
                return new ReadStreamPage(streamId, ReadStatus.StreamNotFound, direction, fromRevision, fromRevision, -1, true, []) { Next = null };

            var forwards = direction == ReadDirection.Forwards;
            var from = !forwards && fromRevision < 0 ? last : fromRevision;
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"""
                SELECT {EventColumns} FROM events e JOIN streams s ON s.id = e.stream
                WHERE e.stream = $s AND e.revision {(forwards ? ">=" : "<=")} $from AND e.type <> '{StreamTombstone.Type}' {TypeFilter(cmd, types)}
                ORDER BY e.revision {(forwards ? "ASC" : "DESC")} LIMIT $max
                """;
            cmd.Parameters.AddWithValue("$s", key.Value);
            cmd.Parameters.AddWithValue("$from", from);
            cmd.Parameters.AddWithValue("$max", maxCount);
            var events = await ReadEvents(cmd, cancellationToken).ConfigureAwait(false);
            long nextRevision;
            bool isEnd;
            if (forwards)
            {
                nextRevision = events.Count == maxCount ? events[^1].Revision + 1 : Math.Max(from, last + 1);
                isEnd = events.Count < maxCount || nextRevision > last;
            }
            else
            {
                nextRevision = events.Count == maxCount ? events[^1].Revision - 1 : -1;
                isEnd = events.Count < maxCount || nextRevision < 0;
            }
            return new ReadStreamPage(streamId, ReadStatus.Success, direction, from, nextRevision, last, isEnd, events)
            {
                Next = isEnd && !forwards ? null : next,
            };
        }
        catch (SqliteException ex)
        {
            throw Translate(ex);
        }
    }

    protected override async Task<ReadAllPage> ReadAllCore(long fromPosition, int maxCount,
        IReadOnlyCollection<string>? types, CancellationToken cancellationToken)
    {
        try
        {
            await using var conn = await OpenConnection(cancellationToken).ConfigureAwait(false);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"""
                SELECT {EventColumns} FROM events e JOIN streams s ON s.id = e.stream
                WHERE e.position >= $from {TypeFilter(cmd, types)}
                ORDER BY e.position ASC LIMIT $max
                """;
            cmd.Parameters.AddWithValue("$from", fromPosition);
            cmd.Parameters.AddWithValue("$max", maxCount);
            var events = await ReadEvents(cmd, cancellationToken).ConfigureAwait(false);
            var isEnd = events.Count < maxCount;
            long nextPosition = events.Count > 0 ? events[^1].Position + 1 : fromPosition;
            if (isEnd && events.Count == 0)
            {
                // Nothing matched from here: the next read may start after the current head.
                await using var head = conn.CreateCommand();
                head.CommandText = "SELECT coalesce(max(position), -1) FROM events";
                nextPosition = Math.Max(fromPosition, (long)(await head.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! + 1);
            }
            return new ReadAllPage(fromPosition, nextPosition, isEnd, events)
            {
                Next = (from, ct) => ReadAllCore(from, maxCount, types, ct),
            };
        }
        catch (SqliteException ex)
        {
            throw Translate(ex);
        }
    }

    protected override async Task<long> ReadHeadPositionCore(CancellationToken cancellationToken)
    {
        try
        {
            await using var conn = await OpenConnection(cancellationToken).ConfigureAwait(false);
            return await Scalar<long>(conn, "SELECT coalesce(max(position), -1) FROM events", cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex);
        }
    }

    protected override async Task<IReadOnlyList<StreamInfo>> ListStreamsCore(string prefix, CancellationToken cancellationToken)
    {
        try
        {
            await using var conn = await OpenConnection(cancellationToken).ConfigureAwait(false);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT s.name, s.revision, s.position, s.created_ms FROM streams s WHERE substr(s.name, 1, length($p)) = $p AND s.revision >= 0 AND NOT {IsTombstoned} ORDER BY s.name";
            cmd.Parameters.AddWithValue("$p", prefix);
            var list = new List<StreamInfo>();
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                list.Add(new StreamInfo(new StreamId(r.GetString(0)), r.GetInt64(1), r.GetInt64(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3))));
            return list;
        }
        catch (SqliteException ex)
        {
            throw Translate(ex);
        }
    }

    protected override async Task<StreamInfo?> GetStreamInfoCore(StreamId streamId, CancellationToken cancellationToken)
    {
        try
        {
            await using var conn = await OpenConnection(cancellationToken).ConfigureAwait(false);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT s.revision, s.position, s.created_ms FROM streams s WHERE s.name = $n AND s.revision >= 0 AND NOT {IsTombstoned}";
            cmd.Parameters.AddWithValue("$n", streamId.Value);
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await r.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new StreamInfo(streamId, r.GetInt64(0), r.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)))
                : null;
        }
        catch (SqliteException ex)
        {
            throw Translate(ex);
        }
    }

    private static string TypeFilter(SqliteCommand cmd, IReadOnlyCollection<string>? types)
    {
        if (types is null) return "";
        if (types.Count == 0) return "AND 0";
        var names = new List<string>();
        var i = 0;
        foreach (var t in types)
        {
            var p = $"$type{i++}";
            cmd.Parameters.AddWithValue(p, t);
            names.Add(p);
        }
        return $"AND e.type IN ({string.Join(", ", names)})";
    }

    private static async Task<List<RecordedEvent>> ReadEvents(SqliteCommand cmd, CancellationToken ct)
    {
        var list = new List<RecordedEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new RecordedEvent(
                new StreamId(r.GetString(8)),
                r.GetInt64(1),
                r.GetInt64(0),
                new Guid(r.GetFieldValue<byte[]>(2)),
                r.GetString(3),
                r.GetInt32(4),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)),
                DeserializeMetadata(r.IsDBNull(6) ? null : r.GetString(6)),
                r.GetFieldValue<byte[]>(7)));
        }
        return list;
    }
}
