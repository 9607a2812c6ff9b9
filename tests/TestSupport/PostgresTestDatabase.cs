using Npgsql;
using NeuroSim.Replay.EventStore.Postgres;

namespace NeuroSim.Replay.TestSupport;

/// <summary>
/// A fresh database on the test server named by <c>NEUROSIM_TEST_PG</c> (./test.sh starts one and sets it), created for
/// one test class and dropped after it; each store in it gets a schema of its own. Without the variable there is no
/// server, and the tests that need one report themselves skipped with <see cref="SkipReason"/>.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string Variable = "NEUROSIM_TEST_PG";

    public static string SkipReason =>
        $"{Variable} is not set: PostgreSQL store test skipped (./test.sh starts a server and sets it; by hand: export {Variable}=$(./neurosim pg-up))";

    private readonly PostgresAddress _admin;
    private int _stores;

    private PostgresTestDatabase(PostgresAddress admin, PostgresAddress database) => (_admin, Database) = (admin, database);

    /// <summary>The class's database (its default schema).</summary>
    public PostgresAddress Database { get; }

    /// <summary>The test server's address as given (its superuser, its maintenance database); null when the variable is unset.</summary>
    public static PostgresAddress? Server =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? PostgresAddress.Parse(value) : null;

    /// <summary>A new database on the test server; null when <see cref="Variable"/> is unset.</summary>
    public static async Task<PostgresTestDatabase?> Create(CancellationToken cancellationToken = default)
    {
        if (Server is not { } admin) return null;
        var name = "neurosim_test_" + Guid.NewGuid().ToString("N")[..12];
        await Execute(admin, $"CREATE DATABASE {name}", cancellationToken);
        return new PostgresTestDatabase(admin, admin.WithDatabase(name));
    }

    /// <summary>The address of a new, empty store: a schema of its own in this database.</summary>
    public PostgresAddress NewStore() => Database.WithSchema($"store_{Interlocked.Increment(ref _stores)}_{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>Runs SQL as the server's superuser in <paramref name="database"/> (default: this class's database).</summary>
    public Task Execute(string sql, CancellationToken cancellationToken = default) => Execute(Database, sql, cancellationToken);

    public static async Task Execute(PostgresAddress at, string sql, CancellationToken cancellationToken = default)
    {
        await using var conn = new NpgsqlConnection(ConnectionString(at));
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>, run in <paramref name="at"/>.</summary>
    public static async Task<object?> Scalar(PostgresAddress at, string sql, CancellationToken cancellationToken = default)
    {
        await using var conn = new NpgsqlConnection(ConnectionString(at));
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync(cancellationToken);
    }

    private static string ConnectionString(PostgresAddress at) => new NpgsqlConnectionStringBuilder
    {
        Host = at.Host, Port = at.Port, Username = at.User, Password = at.Password, Database = at.Database, Pooling = false,
    }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Execute(_admin, $"DROP DATABASE IF EXISTS {Database.Database} WITH (FORCE)");
    }
}
