using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace NeuroSim.Replay.EventStore.Postgres;

/// <summary>
/// An append or deletion in PostgreSQL: one READ COMMITTED transaction that first locks the single row of
/// <c>store_head</c> (the last position handed out) and holds that lock until it commits.
/// <para>
/// Why one lock: global positions must be gap-safe for readers. A reader following all streams moves past the
/// highest position it has seen, so no event may ever commit later with a lower position. A sequence cannot promise
/// that: two appends draw 10 and 11, 11 commits first, a reader sees 11 and moves on, and 10 (committed a moment
/// later) is never read. Here positions come from <c>store_head</c> under its row lock, so appends commit one after
/// another in position order, and the next one can take the lock only once the previous commit is visible (PostgreSQL
/// makes a transaction visible before it releases its locks). A rolled-back append gives its positions back. The
/// same lock serializes the expected-version checks (the embedded store has a single writer too); readers never
/// wait for it. Appends are large and few (an epoch's traces in one), so one writer at a time costs little.
/// </para>
/// </summary>
internal sealed class PostgresWriteTransaction : StoreWriteTransaction
{
    private readonly NpgsqlConnection _conn;
    private readonly NpgsqlTransaction _tx;
    private readonly string _s;
    private readonly string _channel;
    private readonly long _startHead;
    private long _head;

    private PostgresWriteTransaction(NpgsqlConnection conn, NpgsqlTransaction tx, string schema, string channel, long head)
    {
        (_conn, _tx, _s, _channel, _startHead, _head) = (conn, tx, schema, channel, head, head);
    }

    /// <param name="schema">The store's schema, quoted.</param>
    /// <param name="channel">The notification channel of the store's appends.</param>
    public static async Task<StoreWriteTransaction> Begin(NpgsqlConnection conn, string schema, string channel, CancellationToken ct)
    {
        NpgsqlTransaction? tx = null;
        try
        {
            tx = await conn.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct).ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"SELECT position FROM {schema}.store_head WHERE id = 1 FOR UPDATE", conn, tx);
            var head = (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
            return new PostgresWriteTransaction(conn, tx, schema, channel, head);
        }
        catch
        {
            if (tx is not null) await tx.DisposeAsync().ConfigureAwait(false);
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private NpgsqlCommand Command(string sql) => new(sql, _conn, _tx);

    public override async Task<StreamHead> ReadStreamHead(StreamId streamId, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"SELECT s.id, s.revision, s.position, {PostgresEventStore.IsTombstoned(_s)} FROM {_s}.streams s WHERE s.name = @n");
        cmd.Parameters.AddWithValue("n", streamId.Value);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StreamHead(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetBoolean(3))
            : StreamHead.Missing;
    }

    public override async Task<IReadOnlyDictionary<Guid, StoredEvent>> FindEvents(long streamKey, IReadOnlyList<Guid> eventIds, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"SELECT event_id, revision, position, type, schema_version, metadata::text, data FROM {_s}.events WHERE stream = @s AND event_id = ANY(@ids)");
        cmd.Parameters.AddWithValue("s", streamKey);
        cmd.Parameters.AddWithValue("ids", eventIds.ToArray());
        var found = new Dictionary<Guid, StoredEvent>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            found[r.GetGuid(0)] = new StoredEvent(r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetInt32(4),
                EventMetadata.Deserialize(r.IsDBNull(5) ? null : r.GetString(5)), r.GetFieldValue<byte[]>(6));
        return found;
    }

    public override async Task<long> StreamStart(long streamKey, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"SELECT coalesce(max(revision) + 1, 0) FROM {_s}.events WHERE stream = @s AND type = '{StreamTombstone.Type}'");
        cmd.Parameters.AddWithValue("s", streamKey);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public override async Task<long> CreateStream(StreamId streamId, DateTimeOffset created, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"INSERT INTO {_s}.streams (name, revision, position, created) VALUES (@n, -1, -1, @t) RETURNING id");
        cmd.Parameters.AddWithValue("n", streamId.Value);
        cmd.Parameters.AddWithValue("t", created.UtcDateTime);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Binary COPY: payloads go to the server as they are, without text escaping or a copy per parameter.</summary>
    public override async Task<long> InsertEvents(long streamKey, long firstRevision, IReadOnlyList<NewEvent> events, DateTimeOffset created,
        CancellationToken cancellationToken)
    {
        var sql = $"COPY {_s}.events (position, stream, revision, event_id, type, schema_version, created, metadata, data) FROM STDIN (FORMAT BINARY)";
        await using (var copy = await _conn.BeginBinaryImportAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(_head + 1 + i, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(streamKey, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(firstRevision + i, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(e.EventId, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(e.Type, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(e.SchemaVersion, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(created.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                if (EventMetadata.Serialize(e.Metadata) is { } json)
                    await copy.WriteAsync(json, NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                else
                    await copy.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(e.Data, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            }
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        _head += events.Count;
        return _head;
    }

    public override async Task DeleteEvents(long streamKey, CancellationToken cancellationToken)
    {
        // The space of the deleted rows (and their out-of-line payloads) is reused once VACUUM (autovacuum) has run.
        await using var cmd = Command($"DELETE FROM {_s}.events WHERE stream = @s");
        cmd.Parameters.AddWithValue("s", streamKey);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task SetStreamHead(long streamKey, long revision, long position, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"UPDATE {_s}.streams SET revision = @r, position = @p WHERE id = @s");
        cmd.Parameters.AddWithValue("r", revision);
        cmd.Parameters.AddWithValue("p", position);
        cmd.Parameters.AddWithValue("s", streamKey);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves store_head to the last position handed out and commits; the notification goes out with the commit, not before.</summary>
    public override async Task Commit(CancellationToken cancellationToken)
    {
        if (_head != _startHead)
        {
            await using var cmd = Command($"UPDATE {_s}.store_head SET position = @p WHERE id = 1; SELECT pg_notify(@channel, @p::text)");
            cmd.Parameters.AddWithValue("p", _head);
            cmd.Parameters.AddWithValue("channel", _channel);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await _tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        await _tx.DisposeAsync().ConfigureAwait(false);
        await _conn.DisposeAsync().ConfigureAwait(false);
    }
}
