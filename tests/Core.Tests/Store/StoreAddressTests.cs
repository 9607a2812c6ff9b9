using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.EventStore;

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
    }

    [Theory]
    [InlineData("esdb://localhost:2113", "Unknown store address")]
    [InlineData("mongodb:x", "Unknown store address")]
    [InlineData("file:", "has no path")]
    [InlineData("postgres://localhost/db", "not available")]
    [InlineData("", "Empty store address")]
    public void When_the_address_is_not_supported_then_the_message_says_what_is(string address, string expected)
    {
        var ex = Assert.Throws<EventStoreException>(() => StoreAddress.Parse(address));
        Assert.Contains(expected, ex.Message);
    }
}
