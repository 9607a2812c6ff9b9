using System.Globalization;
using System.Text.RegularExpressions;

namespace NeuroSim.Replay.EventStore.Postgres;

/// <summary>
/// A server store's address: <c>postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME]</c> (<c>postgresql://</c>
/// too; user, password and database percent-encoded where they hold reserved characters). The store's tables live in
/// the schema NAME (default <see cref="DefaultSchema"/>), so one database can hold several stores. Without a password
/// in the address, Npgsql takes it from <c>PGPASSWORD</c>, else from the password file (<c>PGPASSFILE</c>, else
/// <c>~/.pgpass</c>). <see cref="ToString"/> never shows the password.
/// </summary>
public sealed partial record PostgresAddress
{
    public const string DefaultSchema = "neurosim";
    public const int DefaultPort = 5432;

    private PostgresAddress(string user, string? password, string host, int port, string database, string schema)
    {
        User = user;
        Password = password;
        Host = host;
        Port = port;
        Database = database;
        Schema = schema;
    }

    public string User { get; }

    /// <summary>The password given in the address; null: PGPASSWORD or the password file.</summary>
    public string? Password { get; }

    public string Host { get; }
    public int Port { get; }
    public string Database { get; }
    public string Schema { get; }

    /// <summary>The same server and database, another schema (tests give each store a schema of its own).</summary>
    public PostgresAddress WithSchema(string schema)
    {
        CheckSchema(schema, schema);
        return new PostgresAddress(User, Password, Host, Port, Database, schema);
    }

    /// <summary>The same server and user, another database (its default schema).</summary>
    public PostgresAddress WithDatabase(string database)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        return new PostgresAddress(User, Password, Host, Port, database, DefaultSchema);
    }

    /// <exception cref="EventStoreException">The address is malformed; the message shows it without its password.</exception>
    public static PostgresAddress Parse(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var shown = Redact(address);
        EventStoreException Bad(string why) =>
            new($"Store address '{shown}' {why}: use postgres://USER[:PASSWORD]@HOST:PORT/DATABASE (e.g. postgres://postgres@127.0.0.1:55432/postgres).");

        var m = Shape().Match(address);
        if (!m.Success) throw Bad("is not a PostgreSQL address");
        if (!m.Groups["user"].Success || m.Groups["user"].Value.Length == 0) throw Bad("names no user");
        var host = m.Groups["host"].Value;
        if (host.Length == 0) throw Bad("names no host");
        var port = DefaultPort;
        if (m.Groups["port"].Success && (!int.TryParse(m.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            throw Bad($"has port '{m.Groups["port"].Value}', not a number from 1 to 65535");
        var database = Decode(m.Groups["db"].Value);
        if (database.Length == 0) throw Bad("names no database");
        var schema = DefaultSchema;
        if (m.Groups["query"].Success)
        {
            foreach (var pair in m.Groups["query"].Value.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                var (key, value) = eq < 0 ? (pair, "") : (pair[..eq], Decode(pair[(eq + 1)..]));
                if (key != "schema") throw Bad($"has option '{key}'; the only option is schema=NAME");
                schema = value;
            }
            CheckSchema(schema, shown);
        }
        var password = m.Groups["password"].Success ? Decode(m.Groups["password"].Value) : null;
        return new PostgresAddress(Decode(m.Groups["user"].Value), password, host.Trim('[', ']'), port, database, schema);
    }

    /// <summary>True for the schemes this backend serves.</summary>
    public static bool IsPostgres(string address) =>
        address.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || address.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static void CheckSchema(string schema, string shown)
    {
        if (!SchemaName().IsMatch(schema))
            throw new EventStoreException($"Store address '{shown}': schema '{schema}' must be 1-63 lower-case letters, digits or '_', starting with a letter or '_'.");
    }

    /// <summary>The address as given, with its password (if any) replaced by ***: for messages.</summary>
    public static string Redact(string address)
    {
        var start = address.IndexOf("://", StringComparison.Ordinal);
        if (start < 0) return address;
        var slash = address.IndexOf('/', start + 3);
        var authority = slash < 0 ? address[(start + 3)..] : address[(start + 3)..slash];
        var at = authority.LastIndexOf('@');
        var colon = at < 0 ? -1 : authority.IndexOf(':');
        if (colon < 0 || colon > at) return address;
        return address[..(start + 3 + colon + 1)] + "***" + address[(start + 3 + at)..];
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s);

    private static string Encode(string s) => Uri.EscapeDataString(s);

    /// <summary>The address without its password: <c>postgres://USER@HOST:PORT/DATABASE</c> (and <c>?schema=</c> when not the default).</summary>
    public override string ToString() =>
        $"postgres://{Encode(User)}@{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}/{Encode(Database)}" +
        (Schema == DefaultSchema ? "" : $"?schema={Schema}");

    [GeneratedRegex(@"^postgres(?:ql)?://(?:(?<user>[^:@/]*)(?::(?<password>[^@/]*))?@)?(?<host>\[[^\]/]*\]|[^:/?@\[\]]*)(?::(?<port>[^/?]*))?(?:/(?<db>[^?]*))?(?:\?(?<query>.*))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
