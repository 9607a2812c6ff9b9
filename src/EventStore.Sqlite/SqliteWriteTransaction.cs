using Microsoft.Data.Sqlite;

namespace NeuroSim.Replay.EventStore.Sqlite;

/// <summary>
/// An append or deletion in SQLite: one IMMEDIATE transaction (it takes the write lock first, so the revision read is
/// the one appended after, and a process killed at any point leaves whole appends only).
/// </summary>
internal sealed class SqliteWriteTransaction(SqliteConnection conn, SqliteTransaction tx) : StoreWriteTransaction
{
    public static async Task<StoreWriteTransaction> Begin(SqliteConnection conn)
    {
        try
        {
            return new SqliteWriteTransaction(conn, conn.BeginTransaction(deferred: false));
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private SqliteCommand Command(string sql)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    public override async Task<StreamHead> ReadStreamHead(StreamId streamId, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"SELECT s.id, s.revision, s.position, {SqliteEventStore.IsTombstoned} FROM streams s WHERE s.name = $n");
        cmd.Parameters.AddWithValue("$n", streamId.Value);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StreamHead(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3) != 0)
            : StreamHead.Missing;
    }

    public override async Task<IReadOnlyDictionary<Guid, StoredEvent>> FindEvents(long streamKey, IReadOnlyList<Guid> eventIds, CancellationToken cancellationToken)
    {
        await using var cmd = Command("SELECT revision, position, type, schema_version, metadata, data FROM events WHERE stream = $s AND event_id = $id");
        cmd.Parameters.AddWithValue("$s", streamKey);
        var id = cmd.Parameters.Add("$id", SqliteType.Blob);
        var found = new Dictionary<Guid, StoredEvent>();
        foreach (var eventId in eventIds)
        {
            id.Value = eventId.ToByteArray();
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                found[eventId] = new StoredEvent(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3),
                    EventMetadata.Deserialize(r.IsDBNull(4) ? null : r.GetString(4)), r.GetFieldValue<byte[]>(5));
        }
        return found;
    }

    public override async Task<long> StreamStart(long streamKey, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"SELECT coalesce(max(revision) + 1, 0) FROM events WHERE stream = $s AND type = '{StreamTombstone.Type}'");
        cmd.Parameters.AddWithValue("$s", streamKey);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public override async Task<long> CreateStream(StreamId streamId, DateTimeOffset created, CancellationToken cancellationToken)
    {
        await using var cmd = Command("INSERT INTO streams(name, revision, position, created_ms) VALUES ($n, -1, -1, $t) RETURNING id");
        cmd.Parameters.AddWithValue("$n", streamId.Value);
        cmd.Parameters.AddWithValue("$t", created.ToUnixTimeMilliseconds());
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public override async Task<long> InsertEvents(long streamKey, long firstRevision, IReadOnlyList<NewEvent> events, DateTimeOffset created,
        CancellationToken cancellationToken)
    {
        await using var cmd = Command("""
            INSERT INTO events(stream, revision, event_id, type, schema_version, created_ms, metadata, data)
            VALUES ($s, $r, $id, $type, $v, $t, $m, $d) RETURNING position
            """);
        cmd.Parameters.AddWithValue("$s", streamKey);
        cmd.Parameters.AddWithValue("$t", created.ToUnixTimeMilliseconds());
        var pR = cmd.Parameters.Add("$r", SqliteType.Integer);
        var pId = cmd.Parameters.Add("$id", SqliteType.Blob);
        var pType = cmd.Parameters.Add("$type", SqliteType.Text);
        var pV = cmd.Parameters.Add("$v", SqliteType.Integer);
        var pM = cmd.Parameters.Add("$m", SqliteType.Text);
        var pD = cmd.Parameters.Add("$d", SqliteType.Blob);
        long position = -1;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            pR.Value = firstRevision + i;
            pId.Value = e.EventId.ToByteArray();
            pType.Value = e.Type;
            pV.Value = e.SchemaVersion;
            pM.Value = (object?)EventMetadata.Serialize(e.Metadata) ?? DBNull.Value;
            pD.Value = e.Data.ToArray();
            position = (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        return position;
    }

    public override async Task DeleteEvents(long streamKey, CancellationToken cancellationToken)
    {
        // SQLite reuses the deleted events' pages.
        await using var cmd = Command("DELETE FROM events WHERE stream = $s");
        cmd.Parameters.AddWithValue("$s", streamKey);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task SetStreamHead(long streamKey, long revision, long position, CancellationToken cancellationToken)
    {
        await using var cmd = Command("UPDATE streams SET revision = $r, position = $p WHERE id = $s");
        cmd.Parameters.AddWithValue("$r", revision);
        cmd.Parameters.AddWithValue("$p", position);
        cmd.Parameters.AddWithValue("$s", streamKey);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override Task Commit(CancellationToken cancellationToken) => tx.CommitAsync(cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await tx.DisposeAsync().ConfigureAwait(false);
        await conn.DisposeAsync().ConfigureAwait(false);
    }
}
