using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Studies;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.EventStore;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary><c>copy</c> between stores: the same events, idempotent, resumable after a partial copy, conflicts refused.</summary>
public sealed class CopyTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public void Dispose() => _tmp.Dispose();

    private string Store(string name) => "file:" + _tmp.Combine(name + ".db");

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.Run(ReplayerCli.Run, args, Ct);

    private static readonly string[] Small = ["--set", "numRowSubArray=32", "--set", "numColSubArray=32"];

    private async Task Import(string store, string run, int epoch, int seed)
    {
        var dir = SyntheticV2Trace.Create(_tmp.Combine($"t-{run}-{epoch}-{seed}"), SyntheticV2Trace.SmallVgg, seed: seed);
        var (code, _, err) = await Run("import-v2", dir, "--run", run, "--epoch", $"{epoch}", "--store", store);
        Assert.True(code == 0, err);
    }

    /// <summary>Every event of every stream, as (stream, id, type, schema version, data) in stream order.</summary>
    private static async Task<List<(string Stream, Guid Id, string Type, int Schema, string Data)>> Events(string address)
    {
        await using var store = await StoreAddress.Parse(address).OpenForReading(Ct);
        var all = new List<(string, Guid, string, int, string)>();
        foreach (var s in (await store.ListStreams("", Ct)).OrderBy(s => s.StreamId.Value, StringComparer.Ordinal))
        {
            var page = await store.ReadStreamForwards(s.StreamId, 0, int.MaxValue, cancellationToken: Ct);
            all.AddRange(page.Events.Select(e => (s.StreamId.Value, e.EventId, e.Type, e.SchemaVersion, Convert.ToBase64String(e.Data.Span))));
        }
        return all;
    }

    private async Task<string> Export(string store, string run, int epoch)
    {
        var dir = _tmp.Combine($"export-{Path.GetFileName(store)}-{run}-{epoch}");
        var (code, _, err) = await Run("export-v2", run, "--epoch", $"{epoch}", "--out", dir, "--store", store);
        Assert.True(code == 0, err);
        return string.Join("\n", Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(dir, f) + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))));
    }

    [Fact]
    public async Task A_copy_holds_the_same_events_and_runs_again_as_a_no_op()
    {
        var a = Store("a");
        await Import(a, "small", 0, 1);
        await Import(a, "small", 1, 2);
        await Import(a, "other", 0, 3);
        var (code, _, err) = await Run(["replay", "small", "--store", a, "--sweep", "readVoltage=0.4,0.5", .. Small]);
        Assert.True(code == 0, err);

        var b = Store("b");
        (code, var output, err) = await Run("copy", "--from", a, "--to", b, "small");
        Assert.True(code == 0, err);
        Assert.Contains("small: 3 stream(s)", output);
        var copied = await Events(b);
        Assert.Equal((await Events(a)).Where(e => !e.Stream.Contains("other", StringComparison.Ordinal)), copied);
        Assert.Equal(await Export(a, "small", 1), await Export(b, "small", 1));

        // The replays came along: replaying the same chips in the destination only reads them back.
        (code, output, err) = await Run(["replay", "small", "--store", b, "--sweep", "readVoltage=0.4,0.5", .. Small]);
        Assert.True(code == 0, err);
        Assert.Equal(copied, await Events(b));

        // Again: nothing to copy; every run by default.
        (code, output, err) = await Run("copy", "--from", a, "--to", b);
        Assert.True(code == 0, err);
        Assert.Contains("small: 3 stream(s), 0 event(s) copied", output);
        Assert.Contains("other: 1 stream(s)", output);
        Assert.Equal(await Events(a), await Events(b));
    }

    [Fact]
    public async Task A_study_run_takes_its_study_along_and_the_next_run_adds_only_the_studys_new_events()
    {
        var a = Store("a");
        await using (var source = await StoreAddress.Parse(a).OpenOrCreateForWriting(Ct))
        {
            var plan = new StudyPlanned { Name = "st", Model = "mnist-mlp", Epochs = 1, Design = "grid", Levels = 2 };
            plan.Seeds.Add(1);
            plan.Runs.AddRange([new StudyRunPlanned { Run = "st-p000-s1", Point = 0, Seed = 1 }, new StudyRunPlanned { Run = "st-p001-s1", Point = 1, Seed = 1 }]);
            await StudyStore.Append(source, "st", plan, Ct);
            foreach (var run in plan.Runs)
            {
                var started = RecordedRuns.Started(run.Run, null);
                started.Tags["study"] = "st";
                started.Tags["study_point"] = $"{run.Point}";
                await RecordedRuns.Append(source, run.Run, Ct, started, new RunCompleted { EpochsCompleted = 1 });
                await StudyStore.Append(source, "st", new StudyRunRecorded { Run = run.Run }, Ct);
            }
        }
        var b = Store("b");
        var (code, output, err) = await Run("copy", "--from", a, "--to", b, "st-p000-s1");
        Assert.True(code == 0, err);
        Assert.Contains("st-p000-s1: 2 stream(s), 5 event(s) copied", output);   // the run (2) and the study (plan, 2 runs recorded)
        var copied = await Events(b);
        Assert.Equal((await Events(a)).Where(e => e.Stream == "study-st" || e.Stream.EndsWith("st-p000-s1", StringComparison.Ordinal)), copied);
        (code, output, err) = await Run("copy", "--from", a, "--to", b, "st-p001-s1");
        Assert.True(code == 0, err);
        Assert.Contains("st-p001-s1: 2 stream(s), 2 event(s) copied (", output);
        Assert.Contains("3 already in", output);
        Assert.Equal(await Events(a), await Events(b));
    }

    [Fact]
    public async Task An_interrupted_copy_is_finished_by_the_same_command_and_new_events_follow()
    {
        var a = Store("a");
        await Import(a, "small", 0, 1);
        await Import(a, "small", 1, 2);
        // A copy stopped midway: the destination holds the run stream's first three events only.
        var b = Store("b");
        await using (var source = await StoreAddress.Parse(a).OpenForReading(Ct))
        await using (var target = await StoreAddress.Parse(b).OpenOrCreateForWriting(Ct))
        {
            var first = await source.ReadStreamForwards(StreamIds.Run("small"), 0, 3, cancellationToken: Ct);
            await target.AppendToStream(StreamIds.Run("small"), ExpectedVersion.NoStream,
                [.. first.Events.Select(e => new NewEvent(e.EventId, e.Type, e.SchemaVersion, e.Data, e.Metadata))], Ct);
        }
        var (code, output, err) = await Run("copy", "--from", a, "--to", b, "small");
        Assert.True(code == 0, err);
        Assert.Contains("3 already in", output);
        Assert.Equal(await Events(a), await Events(b));

        // The source goes on (another epoch, a replay): the next copy brings only what is new.
        await Import(a, "small", 2, 3);
        (code, _, err) = await Run(["replay", "small", "--store", a, "--epochs", "2", .. Small]);
        Assert.True(code == 0, err);
        (code, output, err) = await Run("copy", "--from", a, "--to", b, "small");
        Assert.True(code == 0, err);
        Assert.Equal(await Events(a), await Events(b));
        Assert.Equal(await Export(a, "small", 2), await Export(b, "small", 2));
    }

    [Fact]
    public async Task Another_run_of_the_same_name_in_the_destination_is_a_conflict_and_nothing_is_written()
    {
        var a = Store("a");
        var b = Store("b");
        await Import(a, "small", 0, 1);
        await Import(b, "small", 0, 9);
        var before = await Events(b);
        var (code, _, err) = await Run("copy", "--from", a, "--to", b, "small");
        Assert.Equal((int)ExitCode.Conflict, code);
        Assert.Contains("run-small", err);
        Assert.Contains("delete-run", err);
        Assert.Equal(before, await Events(b));

        (code, _, err) = await Run("copy", "--from", a, "--to", b, "missing");
        Assert.Equal((int)ExitCode.NotFound, code);
        Assert.Contains("'missing'", err);
        (code, _, err) = await Run("copy", "--from", a, "--to", a);
        Assert.Equal((int)ExitCode.InvalidInput, code);
        (code, _, err) = await Run("copy", "--from", Store("nowhere"), "--to", b);
        Assert.NotEqual(0, code);
        Assert.Contains("nowhere.db", err);
        Assert.False(File.Exists(_tmp.Combine("nowhere.db")));
    }

    [Fact]
    public async Task A_run_recorded_again_after_delete_run_reads_and_copies_whole()
    {
        // Its revisions continue after the tombstone; readers find an epoch's traces beside its EpochTraced marker.
        var a = Store("a");
        await Import(a, "small", 0, 1);
        var (code, _, err) = await Run("delete-run", "small", "--yes", "--store", a);
        Assert.True(code == 0, err);
        await Import(a, "small", 0, 4);
        await Import(a, "small", 1, 5);
        var exported = await Export(a, "small", 1);
        var b = Store("b");
        (code, _, err) = await Run("copy", "--from", a, "--to", b, "small");
        Assert.True(code == 0, err);
        Assert.Equal(exported, await Export(b, "small", 1));
        Assert.Equal(await Export(a, "small", 0), await Export(b, "small", 0));
        (code, _, err) = await Run(["replay", "small", "--store", b, .. Small]);
        Assert.True(code == 0, err);
    }
}
