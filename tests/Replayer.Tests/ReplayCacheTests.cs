using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>
/// A replay's decoded epochs hand their arrays to the next epoch (issue #17): never while anything still reads them,
/// and with the same numbers as epochs decoded into fresh arrays.
/// </summary>
public sealed class ReplayCacheTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private string Store => "file:" + _tmp.Combine("replay.db");
    public void Dispose() => _tmp.Dispose();

    /// <summary>Three epochs of a small VGG-pattern run with different weights and inputs (seeds).</summary>
    private async Task<string> ThreeEpochs()
    {
        for (var epoch = 0; epoch < 3; epoch++)
        {
            var dir = SyntheticV2Trace.Create(_tmp.Combine($"t{epoch}"), SyntheticV2Trace.SmallVgg, seed: 20 + epoch);
            var (code, _, err) = await CommandLine.Run(ReplayerCli.Run, ["import-v2", dir, "--run", "small", "--epoch", $"{epoch}", "--store", Store], Ct);
            Assert.True(code == 0, err);
        }
        return "small";
    }

    [Fact]
    public async Task An_epochs_arrays_are_recycled_only_after_it_left_the_cache_and_its_last_lease_ended()
    {
        var name = await ThreeEpochs();
        await using var store = await StoreAddress.Parse(Store).OpenForReading(Ct);
        var run = (await RunReader.ReadSummary(store, name, Ct))!;
        var recycler = new ArrayRecycler(minBytes: 0);   // the small run's arrays are recycled too
        var cache = new ReplayCache(epochsKept: 1, recycler);

        var zero = await cache.Epoch(store, run, 0, Ct);
        var zeroWeights = zero.Data.Trace.Layers.Select(l => l.Weights.ToArray()).ToList();
        using (var again = await cache.Epoch(store, run, 0, Ct)) Assert.Same(zero.Data, again.Data);   // kept: decoded once
        var one = await cache.Epoch(store, run, 1, Ct);   // epoch 0 leaves the cache, but its lease still holds it
        var zeroArrays = zero.Data.Trace.Layers.SelectMany(l => new[] { l.Weights, l.WeightsBeforeUpdate }).ToList();
        Assert.DoesNotContain(zeroArrays, recycler.Holds);
        Assert.Equal(zeroWeights, zero.Data.Trace.Layers.Select(l => l.Weights).ToList());

        zero.Dispose();   // the last hold: epoch 0's weights (after and before the update) wait for the next epoch
        Assert.All(zeroArrays, a => Assert.True(recycler.Holds(a)));
        Assert.Throws<ObjectDisposedException>(() => zero.Data);
        zero.Dispose();   // a second dispose recycles nothing twice

        using var two = await cache.Epoch(store, run, 2, Ct);   // epoch 1 leaves the cache; its lease still holds it
        var twoArrays = two.Data.Trace.Layers.SelectMany(l => new[] { l.Weights, l.WeightsBeforeUpdate }).ToList();
        Assert.Contains(twoArrays, a => zeroArrays.Contains(a, ReferenceEqualityComparer.Instance));   // epoch 2 decoded into epoch 0's arrays
        Assert.DoesNotContain(one.Data.Trace.Layers.SelectMany(l => new[] { l.Weights, l.WeightsBeforeUpdate }), recycler.Holds);
        var fresh = await RunReader.ReadEpochTrace(store, name, 2, Ct);
        for (var l = 0; l < fresh.Layers.Length; l++)
        {
            Assert.Equal(fresh.Layers[l].Weights, two.Data.Trace.Layers[l].Weights);
            Assert.Equal(fresh.Layers[l].WeightsBeforeUpdate, two.Data.Trace.Layers[l].WeightsBeforeUpdate);
        }
        var oneFresh = await RunReader.ReadEpochTrace(store, name, 1, Ct);
        Assert.Equal(oneFresh.Layers.Select(l => l.Weights), one.Data.Trace.Layers.Select(l => l.Weights));
        one.Dispose();
    }

    [Fact]
    public void An_array_returned_twice_is_refused()
    {
        var recycler = new ArrayRecycler(minBytes: 0);
        var array = new double[16];
        recycler.Return(array);
        Assert.Throws<InvalidOperationException>(() => recycler.Return(array));
        Assert.Same(array, recycler.Rent<double>(16));
        Assert.NotSame(array, recycler.Rent<double>(16));   // handed out once only
        recycler.Return(array);   // back after its renter is done: fine
    }

    [Fact]
    public async Task Epochs_replayed_in_recycled_arrays_equal_each_epoch_replayed_alone_bit_for_bit()
    {
        // Chips sharing the array and not (two cells): every epoch after the first is decoded and mapped into the arrays of
        // the one before; a stale or shared array would change its figures.
        var name = await ThreeEpochs();
        ReplayConfig[] configs = [.. from cell in new[] { MemCellType.Rram, MemCellType.FeFet } from node in new[] { 32, 22 }
            select new ReplayConfig($"{cell}-{node}", HardwareConfig.Default with { MemCellType = cell, Technode = node, NumRowSubArray = 32, NumColSubArray = 32 })];
        await using var store = await StoreAddress.Parse(Store).OpenOrCreateForWriting(Ct);
        var recycler = new ArrayRecycler(minBytes: 0);
        var together = await ReplayEngine.Run(store, name, [0, 1, 2], configs, force: true, jobs: 2, null, Ct, new ReplayCache(epochsKept: 1, recycler));
        Assert.True(recycler.Reused > 0, "no array was recycled: the test would not test recycling");
        foreach (var epoch in new[] { 0, 1, 2 })
        {
            var alone = await ReplayEngine.Run(store, name, [epoch], configs, force: true, jobs: 2, null, Ct, new ReplayCache(epochsKept: 1));
            foreach (var a in alone)
            {
                var t = together.Single(r => r.Epoch == epoch && r.Config.Hash == a.Config.Hash).Event.Clone();
                var one = a.Event.Clone();
                (t.Seconds, one.Seconds) = (0, 0);   // the wall time is the one field that may differ
                Assert.True(one.Equals(t), $"{a.Config.Name} epoch {epoch}: replayed with the other epochs, other figures than alone");
            }
        }
    }
}
