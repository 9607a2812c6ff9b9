using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Traces.V2;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Replayer.Tests;

/// <summary>The trace and run commands, driven in-process as a user types them.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private string Store => "file:" + _tmp.Combine("cli.db");

    public void Dispose() => _tmp.Dispose();

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.Run(ReplayerCli.Run, args, Ct);

    [Fact]
    public async Task Import_list_and_export_work_from_the_command_line()
    {
        var dir = SyntheticV2Trace.Create(_tmp.Combine("my trace"), epoch: 2);
        var (code, output, err) = await Run("import-v2", dir, "--store", Store);
        Assert.True(code == 0, err);
        Assert.Contains("as run 'my-trace' epoch 2 (3 layers, new run)", output);

        (code, output, err) = await Run("import-v2", dir, "--run", "my-trace", "--epoch", "3", "--store", Store);
        Assert.True(code == 0, err);

        (code, output, _) = await Run("runs", "--store", Store);
        Assert.Equal(0, code);
        var line = output.Split('\n').Single(l => l.StartsWith("my-trace", StringComparison.Ordinal));
        Assert.Contains("2 (2-3)", line);
        Assert.Contains("W5/A8", line);
        Assert.Contains("imported", line);

        (code, output, err) = await Run("export-v2", "my-trace", "--epoch", "3", "--out", _tmp.Combine("out"), "--store", Store);
        Assert.True(code == 0, err);
        Assert.Contains("wrote 11 files", output);
        var command = await File.ReadAllTextAsync(_tmp.Combine("out", "layer_record", "trace_command.sh"), Ct);
        Assert.StartsWith("./NeuroSIM/main 3 ./NeuroSIM/NetWork.csv 5 8 ./layer_record/weightL0.csv", command);
    }

    [Fact]
    public async Task A_bad_trace_gives_one_error_line_with_file_line_and_column_and_exit_code_4()
    {
        var dir = SyntheticV2Trace.Create(_tmp.Combine("bad"));
        var input = Path.Combine(dir, "layer_record", "inputL1.csv");
        var lines = await File.ReadAllLinesAsync(input, Ct);
        var cells = lines[4].Split(',');
        cells[9] = "2";
        lines[4] = string.Join(',', cells);
        await File.WriteAllLinesAsync(input, lines, Ct);
        var (code, output, err) = await Run("import-v2", dir, "--store", Store);
        Assert.Equal((int)ExitCode.TraceFormat, code);
        Assert.Equal($"error: {input}:5:10: input bit '2' is not 0 or 1", err.Trim());
        Assert.Equal("", output);
        Assert.False(File.Exists(_tmp.Combine("cli.db")), "a failed import must not even create the store");
    }

    [Fact]
    public async Task Store_and_argument_errors_are_named()
    {
        var (code, _, err) = await Run("runs", "--store", "esdb://localhost:2113");
        Assert.Equal((int)ExitCode.StoreError, code);
        Assert.Contains("Unknown store address 'esdb://localhost:2113'", err);

        (code, _, err) = await Run("runs", "--store", "file:" + _tmp.Combine("nothing.db"));
        Assert.Equal((int)ExitCode.StoreError, code);
        Assert.Contains("nothing.db' does not exist", err);

        var dir = SyntheticV2Trace.Create(_tmp.Combine("ok"));
        (code, _, err) = await Run("import-v2", dir, "--run", "bad name!", "--store", Store);
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("--run: 'bad name!' is not a valid run name", err);

        (code, _, err) = await Run("export-v2", "nope", "--epoch", "0", "--out", _tmp.Combine("x"), "--store", Store);
        Assert.Equal((int)ExitCode.StoreError, code);   // the store file does not exist yet
        await Run("import-v2", dir, "--store", Store);
        (code, _, err) = await Run("export-v2", "nope", "--epoch", "0", "--out", _tmp.Combine("x"), "--store", Store);
        Assert.Equal((int)ExitCode.NotFound, code);
        Assert.Contains("Run 'nope' not found", err);
        (code, _, err) = await Run("export-v2", "ok", "--epoch", "9", "--out", _tmp.Combine("x"), "--store", Store);
        Assert.Equal((int)ExitCode.NotFound, code);
        Assert.Contains("no traces for epoch 9", err);
    }

    [Fact]
    public async Task A_corrupt_store_gives_a_clear_message()
    {
        var path = _tmp.Combine("corrupt.db");
        await File.WriteAllTextAsync(path, new string('x', 5000), Ct);
        var (code, _, err) = await Run("runs", "--store", "file:" + path);
        Assert.Equal((int)ExitCode.StoreError, code);
        Assert.Contains("corrupt", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task Estimate_and_compare_report_problems_without_stack_traces()
    {
        var dir = SyntheticV2Trace.Create(_tmp.Combine("t"), SyntheticV2Trace.SmallVgg, epoch: 0);
        var (code, _, err) = await Run("estimate-v2", dir, "--out", _tmp.Combine("big"));
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("numRowSubArray: the subarray (128x128) is too large", err);

        var est = _tmp.Combine("est");
        (code, var log, err) = await Run("estimate-v2", dir, "--set", "numRowSubArray=32", "--set", "numColSubArray=32", "--out", est);
        Assert.True(code == 0, err);
        Assert.Contains("estimated 8 layers", log);
        var row = File.ReadAllLines(Path.Combine(est, "NeuroSim_Output.csv"))[1].Split(',').Select(double.Parse).ToArray();
        Assert.Equal(20, row.Length);
        Assert.All(row, v => Assert.True(double.IsFinite(v) && v > 0, $"{v}"));
        Assert.Equal(2 + 1 + 8 + 1 + 2, File.ReadAllLines(Path.Combine(est, "NeuroSim_Results_Each_Epoch", "NeuroSim_Breakdown_Epoch_0.csv")).Count(l => l.Length > 0));

        // Sequential read (row by row) works on the same chip.
        (code, _, err) = await Run("estimate-v2", dir, "--set", "numRowSubArray=32", "--set", "numColSubArray=32", "--set", "operationmode=1", "--out", _tmp.Combine("seq"));
        Assert.True(code == 0, err);
        var seq = File.ReadAllLines(Path.Combine(_tmp.Combine("seq"), "NeuroSim_Output.csv"))[1].Split(',').Select(double.Parse).ToArray();
        Assert.All(seq, v => Assert.True(double.IsFinite(v) && v > 0, $"{v}"));
        Assert.True(seq[0] > row[0], "reading row by row is slower than all rows at once");

        // RD-48: a 32-column cross-point array is 2.6 µm wide: its column registers do not fit (the reference draws them with
        // negative sizes and prints negative areas); we name the parameter and write nothing.
        (code, _, err) = await Run("estimate-v2", dir, "--set", "numRowSubArray=32", "--set", "numColSubArray=32", "--set", "accesstype=4", "--out", _tmp.Combine("xp"));
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("numColSubArray", err);
        Assert.Contains("periphery does not fit", err);
        Assert.False(Directory.Exists(_tmp.Combine("xp")));

        (code, _, err) = await Run("estimate-v2", dir, "--set", "numRowSubArray=abc", "--out", _tmp.Combine("bad"));
        Assert.False(Directory.Exists(_tmp.Combine("bad")));
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("numRowSubArray", err);

        var ours = _tmp.Combine("ours");
        var reference = _tmp.Combine("ref");
        foreach (var (d, v) in new[] { (ours, "1.5"), (reference, "1") })
        {
            Directory.CreateDirectory(Path.Combine(d, "NeuroSim_Results_Each_Epoch"));
            await File.WriteAllTextAsync(Path.Combine(d, "NeuroSim_Output.csv"), $"1,{v}\n", Ct);
            await File.WriteAllTextAsync(Path.Combine(d, "NeuroSim_Results_Each_Epoch", "NeuroSim_Breakdown_Epoch_0.csv"), "x\n1\n", Ct);
        }
        (code, var output, _) = await Run("compare-v2", ours, reference, "--all");
        Assert.Equal((int)ExitCode.Mismatch, code);
        Assert.Contains("output 2: ours 1.5 reference 1", output);
        Assert.Contains("matched 2/3", output);
        (code, output, _) = await Run("compare-v2", reference, reference);
        Assert.Equal(0, code);
        Assert.Contains("matched 3/3", output);
    }
}
