using Npgsql;
using NpgsqlTypes;
using NeuroSim.Replay.EventStore.Jobs;

namespace NeuroSim.Replay.EventStore.Postgres;

/// <summary>
/// The server store's work queues (<see cref="IJobQueue"/>) in its <c>jobs</c> table (Jobs.sql, made on first use). A claim
/// takes the oldest claimable row with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent workers never wait on each other and
/// never get the same job; leases are timestamps of the server's clock (workers' clocks do not matter), and every change
/// to a held job is conditional on its lease id, so a worker whose lease expired and was claimed again cannot finish,
/// fail or release the job of its successor.
/// </summary>
public sealed partial class PostgresEventStore : IJobQueue
{
    private volatile bool _jobsReady;

    private async Task<NpgsqlConnection> JobsConnection(CancellationToken ct)
    {
        var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        if (_jobsReady) return conn;
        await using (var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            // Two processes making the table at once: the second waits, then finds it made.
            await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@k, 0))", conn, tx))
            {
                lockCmd.Parameters.AddWithValue("k", "neurosim-replay:jobs:" + Address.Schema);
                await lockCmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await using (var create = new NpgsqlCommand(EmbeddedSql.Load(typeof(PostgresEventStore).Assembly, "Jobs.sql").Replace("__SCHEMA__", S), conn, tx))
                await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        _jobsReady = true;
        return conn;
    }

    /// <param name="reading">Only reads: the table is not made (a read-only handle, e.g. browse, sees no jobs until a writer queued some).</param>
    private async Task<T> OnJobs<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken ct, bool reading = false)
    {
        try
        {
            await using var conn = reading ? await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false) : await JobsConnection(ct).ConfigureAwait(false);
            return await work(conn).ConfigureAwait(false);
        }
        catch (Exception ex) when (TranslateError(ex) is { } translated)
        {
            throw translated;
        }
    }

    public Task<int> Enqueue(string queue, IReadOnlyList<JobSpec> jobs, CancellationToken cancellationToken = default) => OnJobs(async conn =>
    {
        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO {S}.jobs (queue, key, grp, payload)
            SELECT @queue, k, g, p FROM unnest(@keys, @groups, @payloads) AS t(k, g, p)
            ON CONFLICT (queue, key) DO NOTHING
            """, conn);
        cmd.Parameters.AddWithValue("queue", queue);
        cmd.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = jobs.Select(j => j.Key).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("groups", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = jobs.Select(j => j.Group).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = jobs.Select(j => j.Payload.ToArray()).ToArray() });
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    public Task<ClaimedJob?> Claim(string queue, string worker, TimeSpan lease, CancellationToken cancellationToken = default) => OnJobs(async conn =>
    {
        var leaseId = Guid.NewGuid();
        await using var cmd = new NpgsqlCommand($"""
            UPDATE {S}.jobs SET state = 1, worker = @worker, lease_id = @lease_id, lease_until = now() + @lease,
                attempts = attempts + 1, since = now()
            WHERE id = (SELECT id FROM {S}.jobs
                        WHERE queue = @queue AND (state = 0 OR (state = 1 AND lease_until < now()))
                        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id, key, grp, payload, attempts
            """, conn);
        cmd.Parameters.AddWithValue("queue", queue);
        cmd.Parameters.AddWithValue("worker", worker);
        cmd.Parameters.AddWithValue("lease_id", leaseId);
        cmd.Parameters.AddWithValue("lease", lease);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new ClaimedJob(r.GetInt64(0), queue, r.GetString(1), r.GetString(2), (byte[])r[3], leaseId, r.GetInt32(4));
    }, cancellationToken);

    public Task Heartbeat(ClaimedJob job, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Held(job, "lease_until = now() + @lease", c => c.Parameters.AddWithValue("lease", lease), cancellationToken);

    public Task Complete(ClaimedJob job, CancellationToken cancellationToken = default) =>
        Held(job, "state = 2, finished = now(), lease_id = NULL, lease_until = NULL", null, cancellationToken);

    public Task Fail(ClaimedJob job, string error, CancellationToken cancellationToken = default) =>
        Held(job, "state = 3, finished = now(), error = @error, lease_id = NULL, lease_until = NULL", c => c.Parameters.AddWithValue("error", error), cancellationToken);

    public async Task Release(ClaimedJob job, CancellationToken cancellationToken = default)
    {
        try
        {
            await Held(job, "state = 0, worker = NULL, since = NULL, lease_id = NULL, lease_until = NULL", null, cancellationToken).ConfigureAwait(false);
        }
        catch (LeaseLostException)
        {
            // Already someone else's: nothing to give back.
        }
    }

    /// <summary>Changes a job this worker holds: only while its lease id is the job's (else the lease was lost).</summary>
    private Task Held(ClaimedJob job, string set, Action<NpgsqlCommand>? parameters, CancellationToken ct) => OnJobs(async conn =>
    {
        await using var cmd = new NpgsqlCommand($"UPDATE {S}.jobs SET {set} WHERE id = @id AND state = 1 AND lease_id = @lease_id", conn);
        cmd.Parameters.AddWithValue("id", job.Id);
        cmd.Parameters.AddWithValue("lease_id", job.LeaseId);
        parameters?.Invoke(cmd);
        if (await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0) throw new LeaseLostException(job.Queue, job.Key);
        return 0;
    }, ct);

    public Task<IReadOnlyList<JobInfo>> List(string queue, string? group = null, CancellationToken cancellationToken = default) => OnJobs(async conn =>
    {
        await using (var exists = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relname = 'jobs')", conn))
        {
            exists.Parameters.AddWithValue("schema", Address.Schema);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!) return (IReadOnlyList<JobInfo>)[];
        }
        await using var cmd = new NpgsqlCommand($"""
            SELECT id, key, grp, state, worker, created, since, finished, attempts, error,
                   state = 1 AND lease_until < now() AS expired
            FROM {S}.jobs WHERE queue = @queue AND (@grp::text IS NULL OR grp = @grp) ORDER BY id
            """, conn);
        cmd.Parameters.AddWithValue("queue", queue);
        cmd.Parameters.Add(new NpgsqlParameter("grp", NpgsqlDbType.Text) { Value = (object?)group ?? DBNull.Value });
        var list = new List<JobInfo>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // A running job whose lease expired (its worker is gone) waits to be claimed again: it counts as queued.
            var state = r.GetBoolean(10) ? JobState.Queued : (JobState)r.GetInt16(3);
            DateTimeOffset? At(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
            list.Add(new JobInfo(r.GetInt64(0), r.GetString(1), r.GetString(2), state, r.IsDBNull(4) ? null : r.GetString(4),
                r.GetFieldValue<DateTimeOffset>(5), At(6), At(7), r.GetInt32(8), r.IsDBNull(9) ? null : r.GetString(9)));
        }
        return (IReadOnlyList<JobInfo>)list;
    }, cancellationToken, reading: true);
}
