using System.CommandLine;
using System.Globalization;
using NeuroSim.Replay.ChipModel.Hardware;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;

namespace NeuroSim.Replay.Replayer.Commands;

/// <summary>Pairs done, rate and ETA on one line of stderr.</summary>
public sealed class ReplayProgressLine(TextWriter writer) : IProgress<ReplayProgress>
{
    private readonly ProgressBar _bar = new(writer);

    public void Report(ReplayProgress p)
    {
        var rate = (p.Done - p.Reused) / Math.Max(1e-9, p.Elapsed.TotalSeconds);
        var eta = rate > 0 ? TimeSpan.FromSeconds((p.Total - p.Done) / rate) : TimeSpan.Zero;
        _bar.Draw(p.Done, p.Total, "", string.Create(CultureInfo.InvariantCulture,
            $"{p.Done}/{p.Total} pairs ({p.Reused} reused) {rate:F2}/s elapsed {p.Elapsed:mm\\:ss} ETA {eta:hh\\:mm\\:ss}"));
    }

    public void Finish() => _bar.Finish();
}
