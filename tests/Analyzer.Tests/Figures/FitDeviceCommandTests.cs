using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Devices;
using NeuroSim.Replay.TestSupport;

namespace NeuroSim.Replay.Analyzer.Tests.Figures;

/// <summary><c>fit-device</c> through the command line: the report, the device file record and replay take, the figure, the points.</summary>
public sealed class FitDeviceCommandTests : IDisposable
{
    private readonly TempDirectory _tmp = new();
    public void Dispose() => _tmp.Dispose();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Sample => Path.Combine(GoldenData.RepositoryRunsRoot, "device-fit", "nonlinear_fit_sample.txt");

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.Run(AnalyzerCli.Run, args, Ct);

    [Fact]
    public async Task Fitting_the_scripts_sample_writes_a_device_file_a_figure_and_the_points()
    {
        var (code, output, err) = await Run("fit-device", Sample, "--out", _tmp.Path, "--name", "sample", "--compare-a", "0.5,-0.2");
        Assert.True(code == 0, err);
        Assert.Contains("two-column layout: 91 LTP and 78 LTD points", output);
        Assert.Contains("given A 0.5 / -0.2", output);
        var file = DeviceFile.Read(_tmp.Combine("sample.device.toml"));
        Assert.Equal("sample", file.Name);
        Assert.Equal(["nonlinearityLTP", "nonlinearityLTD", "max_level", "c2cVari"], file.Update.Select(u => u.Key));
        Assert.Equal(["resistanceOn", "resistanceOff", "maxNumLevelLTP", "maxNumLevelLTD"], file.Chip.Select(u => u.Key));
        Assert.Single(file.ChipSettings(_tmp.Combine("sample.device.toml")), s => s.StartsWith("resistanceOff=", StringComparison.Ordinal));
        // Labels on V2.0's grid, signed like A: saturating LTP (> 0) and LTD (< 0).
        var ltp = double.Parse(file.Update[0].Value, System.Globalization.CultureInfo.InvariantCulture);
        var ltd = double.Parse(file.Update[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ltp > 0 && ltd < 0 && Math.Round(ltp, 2) == ltp && Math.Round(ltd, 2) == ltd);
        Png.AssertFigure(_tmp.Combine("sample-fit.png"));
        var csv = File.ReadAllLines(_tmp.Combine("sample-fit.csv"));
        Assert.Equal("curve,pulse,conductance_S,fit_S,residual_normalized", csv[0]);
        Assert.Equal(1 + 91 + 78, csv.Length);
    }

    [Fact]
    public async Task Bad_input_is_one_line_and_writes_nothing()
    {
        var bad = _tmp.Combine("bad.csv");
        await File.WriteAllTextAsync(bad, "curve,pulse,conductance\nLTP,0,1e-9\nLTP,one,2e-9\n", Ct);
        var (code, _, err) = await Run("fit-device", bad, "--out", _tmp.Combine("out"));
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Equal($"error: {bad}:3: pulse 'one' is not a number", err.Trim());
        Assert.False(Directory.Exists(_tmp.Combine("out")));
        (code, _, err) = await Run("fit-device", Sample, "--out", _tmp.Combine("out"), "--compare-a", "0.5");
        Assert.Equal((int)ExitCode.InvalidInput, code);
        Assert.Contains("--compare-a", err);
        (code, _, err) = await Run("fit-device", _tmp.Combine("missing.csv"));
        Assert.Equal((int)ExitCode.NotFound, code);
        Assert.Single(err.Trim().Split('\n'));
    }
}
