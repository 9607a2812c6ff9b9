using Npgsql;

namespace NeuroSim.Replay.EventStore.Postgres;

/// <summary>
/// check-store's storage part: PostgreSQL keeps its own pages sound (and reports damaged ones when they are read, which
/// the full read of every event that follows does), so this checks what is ours: the format version, the constraints
/// and indexes the store relies on, the head against the events, every stream's row against its last event, the order
/// of positions within each stream, and the streams' id sequence; with the amcheck extension installed, every index too.
/// </summary>
public sealed partial class PostgresEventStore
{
    /// <summary>The constraints the store's guarantees rest on (Schema.sql), by table.</summary>
    private static readonly (string Table, string Constraint, char Kind)[] Constraints =
    [
        ("store_meta", "store_meta_pkey", 'p'),
        ("store_head", "store_head_pkey", 'p'),
        ("store_head", "store_head_id_check", 'c'),
        ("streams", "streams_pkey", 'p'),
        ("streams", "streams_name_key", 'u'),
        ("events", "events_pkey", 'p'),
        ("events", "events_stream_fkey", 'f'),
        ("events", "events_stream_revision", 'u'),
        ("events", "events_stream_event_id", 'u'),
    ];

    protected override async Task<IReadOnlyList<string>> CheckStorageCore(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        await using var conn = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot for every query below, so that appends running meanwhile cannot look like inconsistencies.
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        async Task Lines(string sql, Func<NpgsqlDataReader, string> line)
        {
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
            cmd.Parameters.AddWithValue("schema", Address.Schema);
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) problems.Add(line(r));
        }

        if (await ReadFormatVersion(conn, tx, cancellationToken).ConfigureAwait(false) is not { } version)
            return ["store_meta: the format version is missing"];
        if (version != FormatVersion) problems.Add($"store_meta: format version {version}, this build writes {FormatVersion}");

        var present = new HashSet<(string, string, char)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT t.relname, c.conname, c.contype::text, c.convalidated FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = @schema
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("schema", Address.Schema);
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                if (r.GetBoolean(3)) present.Add((r.GetString(0), r.GetString(1), r.GetString(2)[0]));
        }
        foreach (var c in Constraints.Where(c => !present.Contains(c)))
            problems.Add($"{c.Table}: constraint {c.Constraint} is missing or not validated");

        await Lines("""
            SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = @schema AND NOT (i.indisvalid AND i.indisready)
            """, r => $"index {r.GetString(0)} is not valid (rebuild it with REINDEX)");
        await Lines($"""
            SELECT (SELECT count(*) FROM {S}.store_head), (SELECT max(position) FROM {S}.store_head), (SELECT coalesce(max(position), -1) FROM {S}.events)
            WHERE (SELECT count(*) FROM {S}.store_head) <> 1
               OR (SELECT max(position) FROM {S}.store_head) <> (SELECT coalesce(max(position), -1) FROM {S}.events)
            """, r => $"store_head: {r.GetInt64(0)} row(s) at position {(r.IsDBNull(1) ? "none" : r.GetInt64(1))}, but the last event is at {r.GetInt64(2)}");
        await Lines($"""
            SELECT s.name, s.revision, s.position, e.revision, e.position FROM {S}.streams s
            LEFT JOIN LATERAL (SELECT revision, position FROM {S}.events WHERE stream = s.id ORDER BY revision DESC LIMIT 1) e ON true
            WHERE e.revision IS DISTINCT FROM s.revision OR e.position IS DISTINCT FROM s.position
            ORDER BY s.name LIMIT 50
            """, r => $"stream '{r.GetString(0)}': its row says revision {r.GetInt64(1)} at position {r.GetInt64(2)}, its last event is " +
                (r.IsDBNull(3) ? "missing" : $"revision {r.GetInt64(3)} at position {r.GetInt64(4)}"));
        await Lines($"""
            SELECT s.name, x.revision, x.position, x.previous FROM (
                SELECT stream, revision, position, lag(position) OVER (PARTITION BY stream ORDER BY revision) AS previous FROM {S}.events) x
            JOIN {S}.streams s ON s.id = x.stream WHERE x.previous >= x.position ORDER BY s.name, x.revision LIMIT 50
            """, r => $"stream '{r.GetString(0)}': revision {r.GetInt64(1)} is at position {r.GetInt64(2)}, not after its predecessor's {r.GetInt64(3)}");
        await Lines($"""
            SELECT q.last_value, (SELECT max(id) FROM {S}.streams) FROM pg_sequences q
            WHERE q.schemaname = @schema AND q.sequencename = 'streams_id_seq' AND q.last_value < (SELECT max(id) FROM {S}.streams)
            """, r => $"streams: the id sequence stands at {r.GetInt64(0)}, below the highest id {r.GetInt64(1)} (the next stream would collide)");
        await CheckIndexesWithAmcheck(conn, tx, problems, cancellationToken).ConfigureAwait(false);
        return problems;
    }

    /// <summary>With the amcheck extension installed in the database, every B-tree index of the store is checked against its rules.</summary>
    private async Task CheckIndexesWithAmcheck(NpgsqlConnection conn, NpgsqlTransaction tx, List<string> problems, CancellationToken ct)
    {
        await using (var has = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'amcheck')", conn, tx))
            if (!(bool)(await has.ExecuteScalarAsync(ct).ConfigureAwait(false))!) return;
        var indexes = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am a ON a.oid = ic.relam
            WHERE n.nspname = @schema AND a.amname = 'btree'
            """, conn, tx))
        {
            list.Parameters.AddWithValue("schema", Address.Schema);
            await using var r = await list.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false)) indexes.Add(r.GetString(0));
        }
        foreach (var index in indexes)
        {
            await using var check = new NpgsqlCommand("SELECT bt_index_check(@i::regclass)", conn, tx);
            check.Parameters.AddWithValue("i", index);
            try
            {
                await check.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.IndexCorrupted or PostgresErrorCodes.DataCorrupted)
            {
                problems.Add($"index {index}: {ex.MessageText}");
                return;   // the transaction is aborted; what was found is reported
            }
        }
    }
}
