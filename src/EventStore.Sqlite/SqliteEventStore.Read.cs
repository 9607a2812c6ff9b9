using Microsoft.Data.Sqlite;

namespace NeuroSim.Replay.EventStore.Sqlite;

public sealed partial class SqliteEventStore
{
    private const string EventColumns = "e.position, e.revision, e.event_id, e.type, e.schema_version, e.created_ms, e.metadata, e.data, s.name";

    /// <summary>SQL: 1 when stream <c>s</c>'s last event is a tombstone.</summary>
    internal const string IsTombstoned =
        "EXISTS (SELECT 1 FROM events t WHERE t.stream = s.id AND t.revision = s.revision AND t.type = '" + StreamTombstone.Type + "')";

    protected override async Task<StoreWriteTransaction> BeginWrite(CancellationToken cancellationToken) =>
        await SqliteWriteTransaction.Begin(await OpenConnection(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    protected override async Task<StreamSlice?> ReadStreamSlice(StreamId streamId, long fromRevision, int maxCount,
        ReadDirection direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken)
    {
        await using var conn = await OpenConnection(cancellationToken).ConfigureAwait(false);
        await using var tx = conn.BeginTransaction(deferred: true);   // one consistent snapshot
        await using var head = conn.CreateCommand();
        head.Transaction = tx;
        head.CommandText = $"SELECT s.id, s.revision FROM streams s WHERE s.name = $n AND NOT {IsTombstoned}";
        head.Parameters.AddWithValue("$n", streamId.Value);
        long key, last;
        await using (var r = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
            (key, last) = (r.GetInt64(0), r.GetInt64(1));
        }
        var forwards = direction == ReadDirection.Forwards;
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"""
            SELECT {EventColumns} FROM events e JOIN streams s ON s.id = e.stream
            WHERE e.stream = $s AND e.revision {(forwards ? ">=" : "<=")} $from AND e.type <> '{StreamTombstone.Type}' {TypeFilter(cmd, types)}
            ORDER BY e.revision {(forwards ? "ASC" : "DESC")} LIMIT $max
            """;
        cmd.Parameters.AddWithValue("$s", key);
        cmd.Parameters.AddWithValue("$from", fromRevision);
        cmd.Parameters.AddWithValue("$max", maxCount);
        return new StreamSlice(last, await ReadEvents(cmd, cancellationToken).ConfigureAwait(false));
    }

    protected override async Task<AllSlice> ReadAllSlice(long fromPosition, int maxCount,
        IReadOnlyCollection<string>? types, CancellationToken cancellationToken)
    {
        await using var conn = await OpenConnection(cancellationToken).ConfigureAwait(false);
        await using var tx = conn.BeginTransaction(deferred: true);   // the events and the head from one snapshot
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"""
            SELECT {EventColumns} FROM events e JOIN streams s ON s.id = e.stream
            WHERE e.position >= $from {TypeFilter(cmd, types)}
            ORDER BY e.position ASC LIMIT $max
            """;
        cmd.Parameters.AddWithValue("$from", fromPosition);
        cmd.Parameters.AddWithValue("$max", maxCount);
        var events = await ReadEvents(cmd, cancellationToken).ConfigureAwait(false);
        var headPosition = await Scalar<long>(conn, HeadPositionSql, cancellationToken, tx).ConfigureAwait(false);
        return new AllSlice(events, headPosition);
    }

    private const string HeadPositionSql = "SELECT coalesce(max(position), -1) FROM events";

    protected override async Task<long> ReadHeadPositionCore(CancellationToken cancellationToken)
    {
        await using var conn = await OpenConnection(cancellationToken).ConfigureAwait(false);
        return await Scalar<long>(conn, HeadPositionSql, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<IReadOnlyList<StreamInfo>> ListStreamsCore(string prefix, CancellationToken cancellationToken)
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

    protected override async Task<StreamInfo?> GetStreamInfoCore(StreamId streamId, CancellationToken cancellationToken)
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
                EventMetadata.Deserialize(r.IsDBNull(6) ? null : r.GetString(6)),
                r.GetFieldValue<byte[]>(7)));
        }
        return list;
    }
}
