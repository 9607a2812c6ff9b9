using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Traces;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.EventStore.Sqlite;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Core.Tests.Traces;

public sealed class V2ImportTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _tmp.Dispose();

    private Task<SqliteEventStore> OpenStore() => SqliteEventStore.Open(_tmp.Combine("events.db"), cancellationToken: Ct);

    [Fact]
    public async Task Import_then_export_then_import_keeps_every_number_the_chip_model_reads()
    {
        var source = SyntheticV2Trace.Create(_tmp.Combine("v2"), epoch: 3);
        await using var store = await OpenStore();
        var first = await V2Importer.Import(store, V2TraceFolder.Read(source, cancellationToken: Ct), "tiny", cancellationToken: Ct);
        Assert.Equal(3, first.Epoch);
        Assert.True(first.NewRun);

        await V2Exporter.Export(store, "tiny", 3, _tmp.Combine("out"), Ct);
        var second = await V2Importer.Import(store, V2TraceFolder.Read(_tmp.Combine("out"), cancellationToken: Ct), "tiny-again", cancellationToken: Ct);
        Assert.True(second.NewRun);

        var a = await RunReader.ReadEpochTrace(store, "tiny", 3, Ct);
        var b = await RunReader.ReadEpochTrace(store, "tiny-again", 3, Ct);
        var csv = V2TraceFolder.Read(source, cancellationToken: Ct);
        Assert.Equal(a.Layers.Length, b.Layers.Length);
        for (var l = 0; l < a.Layers.Length; l++)
        {
            Assert.Equal(csv.Layers[l].Weights.ToDoubles(), a.Layers[l].Weights);
            Assert.Equal(csv.Layers[l].WeightsBeforeUpdate.ToDoubles(), a.Layers[l].WeightsBeforeUpdate);
            Assert.Equal(a.Layers[l].Weights, b.Layers[l].Weights);
            Assert.Equal(a.Layers[l].WeightsBeforeUpdate, b.Layers[l].WeightsBeforeUpdate);
            Assert.Equal(a.Layers[l].Input.Packed, b.Layers[l].Input.Packed);
            Assert.Equal(a.Layers[l].Activity, b.Layers[l].Activity);
            Assert.Equal(a.Layers[l].Layer with { Name = "" }, b.Layers[l].Layer with { Name = "" });
        }
        Assert.Equal((5, 8), (b.WeightBits, b.ActivationBits));
    }

    [Fact]
    public async Task Several_epochs_go_into_one_run_and_a_repeated_epoch_is_refused()
    {
        await using var store = await OpenStore();
        await V2Importer.Import(store, V2TraceFolder.Read(SyntheticV2Trace.Create(_tmp.Combine("e0"), epoch: 0, seed: 1), cancellationToken: Ct), "run1", cancellationToken: Ct);
        var e1 = await V2Importer.Import(store, V2TraceFolder.Read(SyntheticV2Trace.Create(_tmp.Combine("e1"), epoch: 1, seed: 2), cancellationToken: Ct), "run1", cancellationToken: Ct);
        Assert.False(e1.NewRun);
        var summary = await RunReader.ReadSummary(store, "run1", Ct);
        Assert.Equal([0, 1], summary!.TracedEpochs);
        Assert.Equal(RunStatus.Imported, summary.Status);

        var head = await store.ReadHeadPosition(Ct);
        var again = Assert.ThrowsAsync<InvalidOperationException>(() =>
            V2Importer.Import(store, V2TraceFolder.Read(_tmp.Combine("e1"), cancellationToken: Ct), "run1", cancellationToken: Ct));
        Assert.Contains("already holds epoch 1", (await again).Message);
        var e5 = await V2Importer.Import(store, V2TraceFolder.Read(_tmp.Combine("e1"), cancellationToken: Ct), "run1", 5, Ct);
        Assert.Equal(5, e5.Epoch);

        var other = SyntheticV2Trace.Create(_tmp.Combine("other"), ["6,6,3,3,3,4,0,1", "1,1,64,1,1,10,0,1"]);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            V2Importer.Import(store, V2TraceFolder.Read(other, cancellationToken: Ct), "run1", cancellationToken: Ct));
        Assert.Contains("another network", ex.Message);
        Assert.True(await store.ReadHeadPosition(Ct) > head);
    }

    /// <summary>
    /// RD-116: V2.1's wrapper traces a convolution's input with its padding, so its rows are longer than the positions the
    /// model reads; the model reads each row's leading positions x bits, and so do we. Shorter or ragged rows stay errors.
    /// </summary>
    [Fact]
    public void Input_rows_longer_than_the_layers_positions_are_read_as_their_leading_columns()
    {
        var plain = SyntheticV2Trace.Create(_tmp.Combine("plain"), epoch: 2, seed: 4);
        var padded = SyntheticV2Trace.Create(_tmp.Combine("padded"), epoch: 2, seed: 4);
        var input = Path.Combine(padded, "layer_record", "inputL0.csv");
        var rows = File.ReadAllLines(input);
        var extra = string.Concat(Enumerable.Repeat(",1", 24));   // e.g. the padded positions' bits
        File.WriteAllLines(input, rows.Select(r => r + extra));
        var a = V2TraceFolder.Read(plain, cancellationToken: Ct).ToEpochTrace();
        var b = V2TraceFolder.Read(padded, cancellationToken: Ct).ToEpochTrace();
        Assert.Equal(a.Layers[0].Input.Columns, b.Layers[0].Input.Columns);
        Assert.Equal(a.Layers[0].Input.Packed, b.Layers[0].Input.Packed);

        File.WriteAllLines(input, rows.Select((r, i) => i == 2 ? r + extra + ",0" : r + extra));
        var ragged = Assert.Throws<TraceFormatException>(() => V2TraceFolder.Read(padded, cancellationToken: Ct));
        Assert.Contains("inputL0.csv:3: row has", ragged.Message);
        Assert.Contains("line 1 has", ragged.Message);

        File.WriteAllLines(input, rows.Select(r => r[..r.LastIndexOf(',')]));
        var shorter = Assert.Throws<TraceFormatException>(() => V2TraceFolder.Read(padded, cancellationToken: Ct));
        Assert.Contains("inputL0.csv:1: row has", shorter.Message);
        Assert.Contains("expected at least", shorter.Message);
    }

    [Fact]
    public async Task Reading_one_epoch_does_not_read_the_others_traces()
    {
        await using var store = await OpenStore();
        for (var e = 0; e < 3; e++)
            await V2Importer.Import(store, V2TraceFolder.Read(SyntheticV2Trace.Create(_tmp.Combine($"e{e}"), epoch: e, seed: e + 10), cancellationToken: Ct), "multi", cancellationToken: Ct);
        var trace = await RunReader.ReadEpochTrace(store, "multi", 1, Ct);
        var csv = V2TraceFolder.Read(_tmp.Combine("e1"), cancellationToken: Ct);
        Assert.Equal(csv.Layers[0].Weights.ToDoubles(), trace.Layers[0].Weights);
        var missing = await Assert.ThrowsAsync<RunNotFoundException>(() => RunReader.ReadEpochTrace(store, "multi", 7, Ct));
        Assert.Contains("traced epochs: 0, 1, 2", missing.Message);
    }

    public static TheoryData<string, string, string, string> BadInputs => new()
    {
        // file to damage, text to find, replacement, expected message part
        { "layer_record/weightL1.csv", "\n", ",   0.12500\n", "weightL1.csv:1: row has 17 values, expected 16 (from NetWork.csv)" },
        { "layer_record/inputL0.csv", "0,", "7,", "inputL0.csv:1:" },
        { "layer_record/weightOldL2.csv", ",", ",x", "weightOldL2.csv:1:2: 'x" },
        { "layer_record/weightL0.csv", "0.", "3.", "is outside [-1, 1]" },
        { "NeuroSIM/NetWork.csv", "6,6,3,3,3,8,0,1", "6,6,3,3,3,9,0,1", "weightL0.csv:1: row has 8 values, expected 9 (from NetWork.csv)" },
        { "NeuroSIM/NetWork.csv", "6,6,3,3,3,8,0,1", "6,6,4,3,3,8,0,1", "shape 27x8 does not match layer 0" },
        { "NeuroSIM/NetWork.csv", "6,6,3,3,3,8,0,1", "6,6,3,3,3,8,0", "expected 8 values" },
        { "layer_record/trace_command.sh", "./NeuroSIM/main 0", "./NeuroSIM/main zero", "epoch 'zero' is not an integer" },
        { "layer_record/trace_command.sh", " 5 8 ", " 5 8 extra ", "4 per layer" },
    };

    [Theory, MemberData(nameof(BadInputs))]
    public async Task When_input_is_bad_then_one_error_names_the_place_and_nothing_is_appended(string file, string find, string replace, string expected)
    {
        var dir = SyntheticV2Trace.Create(_tmp.Combine("bad"));
        var path = Path.Combine(dir, file);
        var text = await File.ReadAllTextAsync(path, Ct);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' not in {file}");
        await File.WriteAllTextAsync(path, text[..at] + replace + text[(at + find.Length)..], Ct);
        await using var store = await OpenStore();
        var ex = await Assert.ThrowsAsync<TraceFormatException>(async () =>
            await V2Importer.Import(store, V2TraceFolder.Read(dir, cancellationToken: Ct), "bad", cancellationToken: Ct));
        Assert.Contains(expected, ex.Message);
        Assert.Equal(-1, await store.ReadHeadPosition(Ct));
    }

    [Fact]
    public async Task When_a_trace_file_is_missing_then_the_error_names_it()
    {
        var dir = SyntheticV2Trace.Create(_tmp.Combine("missing"));
        File.Delete(Path.Combine(dir, "layer_record", "inputL2.csv"));
        var ex = Assert.Throws<TraceFormatException>(() => V2TraceFolder.Read(dir, cancellationToken: Ct));
        Assert.Contains("inputL2.csv: file not found", ex.Message);
        Assert.Contains("trace_command.sh", Assert.Throws<TraceFormatException>(() => V2TraceFolder.Read(_tmp.Combine("nothing-here"), cancellationToken: Ct)).Message
            + Assert.Throws<TraceFormatException>(() => V2TraceFolder.Read(_tmp.Path, cancellationToken: Ct)).Message);
    }

    [Fact]
    public async Task Golden_traces_import_exactly_and_a_full_VGG8_epoch_fits_in_30_MB()
    {
        if (GoldenData.Root is null) Assert.Skip(GoldenData.SkipReason);
        await using var store = await OpenStore();
        foreach (var trace in GoldenData.Traces)
        {
            var dir = GoldenData.TraceDirectory(trace);
            var folder = V2TraceFolder.Read(dir, cancellationToken: Ct);
            var result = await V2Importer.Import(store, folder, trace, cancellationToken: Ct);
            TestContext.Current.SendDiagnosticMessage($"{trace}: {result.SourceBytes / 1e6:F1} MB CSV -> {result.StoredBytes / 1e6:F2} MB stored");
            Assert.True(result.StoredBytes <= 30_000_000, $"{trace}: {result.StoredBytes} bytes stored");
            var decoded = await RunReader.ReadEpochTrace(store, trace, folder.Command.Epoch, Ct);
            for (var l = 0; l < folder.Layers.Length; l++)
            {
                Assert.Equal(folder.Layers[l].Weights.ToDoubles(), decoded.Layers[l].Weights);
                Assert.Equal(folder.Layers[l].WeightsBeforeUpdate.ToDoubles(), decoded.Layers[l].WeightsBeforeUpdate);
                Assert.Equal(folder.Layers[l].Input.Packed, decoded.Layers[l].Input.Packed);
            }
            // Spot-check against an independent parse of the text.
            var firstLine = File.ReadLines(Path.Combine(dir, folder.Command.Layers[0].WeightOldFile)).First().Split(',');
            Assert.Equal(double.Parse(firstLine[1], System.Globalization.CultureInfo.InvariantCulture), decoded.Layers[0].WeightsBeforeUpdate[1]);
        }
    }
}
