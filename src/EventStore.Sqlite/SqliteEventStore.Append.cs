using Microsoft.Data.Sqlite;

namespace NeuroSim.Replay.EventStore.Sqlite;

public sealed partial class SqliteEventStore
{
    protected override async Task<AppendResult> AppendToStreamCore(StreamId streamId, ExpectedVersion expectedVersion,
        IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await using var conn = await OpenConnection(cancellationToken).ConfigureAwait(false);
            // IMMEDIATE: take the write lock first, so the revision we check is the one we append after.
            await using var tx = conn.BeginTransaction(deferred: false);
            var (streamKey, current, currentPosition, deleted) = await ReadStreamHead(conn, tx, streamId, cancellationToken).ConfigureAwait(false);

            if (events.Count > 0 && streamKey is { } key && !deleted)
            {
                var replay = await TryIdempotentReplay(conn, tx, key, streamId, expectedVersion, events, cancellationToken).ConfigureAwait(false);
                if (replay is { } original) return original;
            }
            // A deleted stream counts as missing; appending to it starts it again after its tombstone.
            var effective = deleted ? -1 : current;
            if (!expectedVersion.IsSatisfiedBy(effective))
                throw new WrongExpectedVersionException(streamId, expectedVersion, effective);
            if (events.Count == 0)
                return new AppendResult(effective, currentPosition);

            var now = TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            if (streamKey is null)
            {
                await using var ins = conn.CreateCommand();
                ins.Transaction = tx;
                ins.CommandText = "INSERT INTO streams(name, revision, position, created_ms) VALUES ($n, -1, -1, $t) RETURNING id";
                ins.Parameters.AddWithValue("$n", streamId.Value);
                ins.Parameters.AddWithValue("$t", now);
                streamKey = (long)(await ins.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO events(stream, revision, event_id, type, schema_version, created_ms, metadata, data)
                VALUES ($s, $r, $id, $type, $v, $t, $m, $d) RETURNING position
                """;
            var pS = cmd.Parameters.Add("$s", SqliteType.Integer);
            var pR = cmd.Parameters.Add("$r", SqliteType.Integer);
            var pId = cmd.Parameters.Add("$id", SqliteType.Blob);
            var pType = cmd.Parameters.Add("$type", SqliteType.Text);
            var pV = cmd.Parameters.Add("$v", SqliteType.Integer);
            var pT = cmd.Parameters.Add("$t", SqliteType.Integer);
            var pM = cmd.Parameters.Add("$m", SqliteType.Text);
            var pD = cmd.Parameters.Add("$d", SqliteType.Blob);
            long revision = current, position = currentPosition;
            foreach (var e in events)
            {
                revision++;
                pS.Value = streamKey.Value;
                pR.Value = revision;
                pId.Value = e.EventId.ToByteArray();
                pType.Value = e.Type;
                pV.Value = e.SchemaVersion;
                pT.Value = now;
                pM.Value = (object?)SerializeMetadata(e.Metadata) ?? DBNull.Value;
                pD.Value = e.Data.ToArray();
                position = (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            await SetStreamHead(conn, tx, streamKey.Value, revision, position, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new AppendResult(revision, position);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex);
        }
    }

    /// <summary>The stream's key, last revision and position, and whether its last event is a tombstone (deleted).</summary>
    private static async Task<(long? Key, long Revision, long Position, bool Deleted)> ReadStreamHead(SqliteConnection conn, SqliteTransaction? tx,
        StreamId streamId, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT s.id, s.revision, s.position, {IsTombstoned} FROM streams s WHERE s.name = $n";
        cmd.Parameters.AddWithValue("$n", streamId.Value);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false)
            ? (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3) != 0)
            : (null, -1, -1, false);
    }

    /// <summary>SQL: 1 when stream <c>s</c>'s last event is a tombstone.</summary>
    private const string IsTombstoned =
        "EXISTS (SELECT 1 FROM events t WHERE t.stream = s.id AND t.revision = s.revision AND t.type = '" + StreamTombstone.Type + "')";

    protected override async Task<AppendResult?> DeleteStreamCore(StreamId streamId, ExpectedVersion expectedVersion, CancellationToken cancellationToken)
    {
        try
        {
            await using var conn = await OpenConnection(cancellationToken).ConfigureAwait(false);
            await using var tx = conn.BeginTransaction(deferred: false);
            var (key, current, _, deleted) = await ReadStreamHead(conn, tx, streamId, cancellationToken).ConfigureAwait(false);
            var effective = key is null || deleted ? -1 : current;
            if (!expectedVersion.IsSatisfiedBy(effective))
                throw new WrongExpectedVersionException(streamId, expectedVersion, effective);
            if (effective < 0) return null;

            // Compaction: the stream's events go (SQLite reuses their pages); the tombstone takes the next revision.
            await using (var del = conn.CreateCommand())
            {
                del.Transaction = tx;
                del.CommandText = "DELETE FROM events WHERE stream = $s";
                del.Parameters.AddWithValue("$s", key!.Value);
                await del.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            var revision = current + 1;
            long position;
            await using (var ins = conn.CreateCommand())
            {
                ins.Transaction = tx;
                ins.CommandText = """
                    INSERT INTO events(stream, revision, event_id, type, schema_version, created_ms, metadata, data)
                    VALUES ($s, $r, $id, $type, 1, $t, $m, x'') RETURNING position
                    """;
                ins.Parameters.AddWithValue("$s", key.Value);
                ins.Parameters.AddWithValue("$r", revision);
                ins.Parameters.AddWithValue("$id", StreamTombstone.Id(streamId, revision).ToByteArray());
                ins.Parameters.AddWithValue("$type", StreamTombstone.Type);
                ins.Parameters.AddWithValue("$t", TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
                ins.Parameters.AddWithValue("$m", SerializeMetadata(new Dictionary<string, string> { ["deleted_last_revision"] = current.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
                position = (long)(await ins.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
            await SetStreamHead(conn, tx, key.Value, revision, position, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new AppendResult(revision, position);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex);
        }
    }

    /// <summary>
    /// When the batch's first event is already stored, the append is a retry: it is a no-op if the whole
    /// batch is stored, with identical content, in the same order at the place the expected version names;
    /// anything else conflicts (an id stored with other content always does).
    /// </summary>
    private static async Task<AppendResult?> TryIdempotentReplay(SqliteConnection conn, SqliteTransaction tx, long streamKey,
        StreamId streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, CancellationToken ct)
    {
        await using var find = conn.CreateCommand();
        find.Transaction = tx;
        find.CommandText = "SELECT revision, position, type, schema_version, metadata, data FROM events WHERE stream = $s AND event_id = $id";
        find.Parameters.AddWithValue("$s", streamKey);
        var pId = find.Parameters.Add("$id", SqliteType.Blob);
        var stored = new (long Revision, long Position)?[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            pId.Value = events[i].EventId.ToByteArray();
            await using var r = await find.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await r.ReadAsync(ct).ConfigureAwait(false)) continue;
            stored[i] = (r.GetInt64(0), r.GetInt64(1));
            var e = events[i];
            if (r.GetString(2) != e.Type || r.GetInt32(3) != e.SchemaVersion
                || !SameMetadata(DeserializeMetadata(r.IsDBNull(4) ? null : r.GetString(4)), e.Metadata)
                || !r.GetFieldValue<byte[]>(5).AsSpan().SequenceEqual(e.Data.Span))
                throw new IdempotencyConflictException(streamId, e.EventId,
                    $"it is already stored at revision {r.GetInt64(0)} with other content (a retry must carry identical type, data and metadata)");
        }
        if (stored[0] is null)
        {
            for (var i = 1; i < events.Count; i++)
                if (stored[i] is { } s)
                    throw new IdempotencyConflictException(streamId, events[i].EventId, $"it is already stored at revision {s.Revision}, but the batch's first event is new");
            return null;
        }
        var first = stored[0]!.Value.Revision;
        for (var i = 0; i < events.Count; i++)
        {
            if (stored[i] is not { } s)
                throw new IdempotencyConflictException(streamId, events[i].EventId, "the batch repeats stored events only partly");
            if (s.Revision != first + i)
                throw new IdempotencyConflictException(streamId, events[i].EventId, $"it is stored at revision {s.Revision}, not {first + i}");
        }
        var start = await StreamStart(conn, tx, streamKey, ct).ConfigureAwait(false);
        var placeOk = expected.IsExact ? expected.Value == first - 1
            : expected == ExpectedVersion.NoStream ? first == start
            : expected == ExpectedVersion.StreamExists ? first > start
            : true;
        if (!placeOk)
            throw new IdempotencyConflictException(streamId, events[0].EventId, $"it is stored at revision {first}, which does not follow expected version {expected}");
        var last = stored[^1]!.Value;
        return new AppendResult(last.Revision, last.Position);
    }

    private static bool SameMetadata(IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string>? given) =>
        stored.Count == (given?.Count ?? 0)
        && (given is null || given.All(kv => stored.TryGetValue(kv.Key, out var v) && v == kv.Value));

    /// <summary>The first revision of the stream's current life: 0, or the one after its last tombstone.</summary>
    private static async Task<long> StreamStart(SqliteConnection conn, SqliteTransaction tx, long streamKey, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT coalesce(max(revision) + 1, 0) FROM events WHERE stream = $s AND type = '{StreamTombstone.Type}'";
        cmd.Parameters.AddWithValue("$s", streamKey);
        return (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>Records the stream's last revision and position after an append or a deletion (same transaction).</summary>
    private static async Task SetStreamHead(SqliteConnection conn, SqliteTransaction tx, long streamKey, long revision, long position, CancellationToken ct)
    {
        await using var upd = conn.CreateCommand();
        upd.Transaction = tx;
        upd.CommandText = "UPDATE streams SET revision = $r, position = $p WHERE id = $s";
        upd.Parameters.AddWithValue("$r", revision);
        upd.Parameters.AddWithValue("$p", position);
        upd.Parameters.AddWithValue("$s", streamKey);
        await upd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
