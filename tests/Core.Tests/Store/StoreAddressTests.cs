using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.EventStore.Postgres;

namespace NeuroSim.Replay.Core.Tests.Store;

public sealed class StoreAddressTests
{
    [Theory]
    [InlineData("file:./neurosim.db", "./neurosim.db")]
    [InlineData("file:/tmp/x.db", "/tmp/x.db")]
    [InlineData("plain/path.db", "plain/path.db")]
    public void Can_parse_file_addresses(string address, string location)
    {
        var a = StoreAddress.Parse(address);
        Assert.Equal("file", a.Scheme);
        Assert.Equal(location, a.Location);
        Assert.True(a.IsFile);
    }

    [Theory]
    [InlineData("postgres://postgres@127.0.0.1:55432/postgres", "postgres", null, "127.0.0.1", 55432, "postgres", "neurosim",
        "postgres://postgres@127.0.0.1:55432/postgres")]
    [InlineData("postgresql://alice:s3cret@db.example:6000/runs", "alice", "s3cret", "db.example", 6000, "runs", "neurosim",
        "postgres://alice@db.example:6000/runs")]
    [InlineData("postgres://bob:p%40ss%3Aword@localhost/lab?schema=team_a", "bob", "p@ss:word", "localhost", 5432, "lab", "team_a",
        "postgres://bob@localhost:5432/lab?schema=team_a")]
    [InlineData("postgres://carol@[::1]:5433/x", "carol", null, "::1", 5433, "x", "neurosim", "postgres://carol@[::1]:5433/x")]
    public void Can_parse_server_addresses_and_their_text_never_shows_the_password(string address, string user, string? password, string host, int port,
        string database, string schema, string shown)
    {
        var a = PostgresAddress.Parse(address);
        Assert.Equal((user, password, host, port, database, schema), (a.User, a.Password, a.Host, a.Port, a.Database, a.Schema));
        Assert.Equal(shown, a.ToString());
        var store = StoreAddress.Parse(address);
        Assert.Equal("postgres", store.Scheme);
        Assert.False(store.IsFile);
        Assert.Equal(shown, store.ToString());
        Assert.Null(store.CheckpointFolder("run"));
    }

    [Theory]
    [InlineData("esdb://localhost:2113", "Unknown store address")]
    [InlineData("mongodb:x", "Unknown store address")]
    [InlineData("file:", "has no path")]
    [InlineData("", "Empty store address")]
    [InlineData("postgres://localhost/db", "names no user")]
    [InlineData("postgres://u@localhost:5432", "names no database")]
    [InlineData("postgres://u@localhost:5432/", "names no database")]
    [InlineData("postgres://u@:5432/db", "names no host")]
    [InlineData("postgres://u@localhost:99999/db", "not a number from 1 to 65535")]
    [InlineData("postgres://u@localhost:x/db", "not a number from 1 to 65535")]
    [InlineData("postgres://u@localhost/db?sslmode=require", "the only option is schema=NAME")]
    [InlineData("postgres://u@localhost/db?schema=Bad-Name", "lower-case letters")]
    public void When_the_address_is_not_supported_then_the_message_says_what_is(string address, string expected)
    {
        var ex = Assert.Throws<EventStoreException>(() => StoreAddress.Parse(address));
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("postgres://u:topsecret@localhost:5432")]
    [InlineData("postgres://u:topsecret@localhost/db?schema=Bad")]
    [InlineData("postgres://u:top@secret@localhost/db")]
    [InlineData("esdb://u:topsecret@localhost/db")]
    public void A_malformed_address_is_named_without_its_password(string address)
    {
        var ex = Assert.Throws<EventStoreException>(() => StoreAddress.Parse(address));
        Assert.DoesNotContain("secret", ex.Message);
        Assert.Contains("***", ex.Message);
    }
}
