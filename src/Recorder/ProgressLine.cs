using System.Globalization;
using NeuroSim.Replay.Cli;
using NeuroSim.Replay.Recorder.Training;

namespace NeuroSim.Replay.Recorder;

/// <summary>A one-line progress bar on stderr: epoch, batch, loss, accuracy, elapsed and ETA.</summary>
public sealed class ProgressLine(TextWriter writer) : IProgress<TrainingProgress>
{
    private readonly ProgressBar _bar = new(writer);

    public void Report(TrainingProgress p) =>
        _bar.Draw(p.Batch, p.Batches, $"epoch {p.Epoch + 1}/{p.Epochs}", string.Create(CultureInfo.InvariantCulture,
            $"batch {p.Batch}/{p.Batches} loss {p.Loss:F3} acc {p.Accuracy:F1}% elapsed {p.Elapsed:mm\\:ss} ETA {p.Remaining:hh\\:mm\\:ss}"));

    public void Finish() => _bar.Finish();

    /// <summary>Ends the bar's line so other output starts on its own line.</summary>
    public void Clear() => _bar.Finish();
}
