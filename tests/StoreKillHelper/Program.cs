// Test helper: appends batches to a store as fast as it can until it is killed, or, given BATCHES, appends that many
// and exits. usage: StoreKillHelper ADDRESS BATCH SIZE [BATCHES]   (ADDRESS: file:PATH, a bare path, or postgres://…)
// Each batch is BATCH events of about SIZE bytes to stream "kill-<n % 4>"; every payload starts with the batch number
// and the event's index, so a checker can tell whole batches from partial ones. It stops by itself after two minutes,
// should a test fail to kill it.
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.EventStore;

var address = StoreAddress.Parse(args[0]);
var batchSize = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var payload = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
long? batches = args.Length > 3 ? long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : null;
await using var store = await address.OpenOrCreateForWriting();
var random = new Random(42);
var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
for (long n = 0; (batches is null || n < batches) && DateTime.UtcNow < deadline; n++)
{
    var stream = new StreamId($"kill-{n % 4}");
    var events = new List<NewEvent>();
    for (var i = 0; i < batchSize; i++)
    {
        var data = new byte[payload];
        random.NextBytes(data);
        BitConverter.TryWriteBytes(data.AsSpan(0, 8), n);
        BitConverter.TryWriteBytes(data.AsSpan(8, 4), i);
        BitConverter.TryWriteBytes(data.AsSpan(12, 4), batchSize);
        events.Add(new NewEvent(DeterministicGuid.Create($"kill/{n}/{i}"), "kill_test", 1, data));
    }
    await store.AppendToStream(stream, ExpectedVersion.Any, events);
    if (n == 0) Console.WriteLine("started");
}
