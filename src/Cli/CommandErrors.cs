using NeuroSim.Replay.ChipModel.Traces;
using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.EventStore;

namespace NeuroSim.Replay.Cli;

/// <summary>Turns the known failures into one line on stderr and an exit code; unknown ones keep their stack trace.</summary>
public static class CommandErrors
{
    /// <summary>What to do after another process wrote to the stream first, where running the command again works (import, replay).</summary>
    public const string RetryAdvice = "Another process wrote to the run; run the command again.";

    /// <param name="conflictAdvice">What to do after a <see cref="WrongExpectedVersionException"/> (default <see cref="RetryAdvice"/>; a command that running again cannot help gives its own).</param>
    public static (ExitCode Code, string Message) Describe(Exception ex, string conflictAdvice = RetryAdvice) => ex switch
    {
        AggregateException { InnerExceptions.Count: > 0 } a => Describe(a.InnerExceptions[0]),
        StoreDamagedException d => (ExitCode.StoreError, d.Message),
        StoreFormatTooNewException n => (ExitCode.StoreError, n.Message),
        TraceFormatException t => (ExitCode.TraceFormat, t.Message),
        // A stored event that does not parse: the store's content is damaged (or written by an incompatible build).
        EventFormatException f => (ExitCode.StoreError, f.Message.TrimEnd('.') + ". The stored event is damaged or was written by a newer build; run ./neurosim check-store for the details."),
        RunNotFoundException n => (ExitCode.NotFound, n.Message),
        WrongExpectedVersionException w => (ExitCode.Conflict, w.Message + " " + conflictAdvice),
        IdempotencyConflictException c => (ExitCode.Conflict, c.Message),
        EventStoreException s => (ExitCode.StoreError, s.Message),
        InvalidOperationException i => (ExitCode.Conflict, i.Message),
        ArgumentException a => (ExitCode.InvalidInput, a.Message),
        NotSupportedException n => (ExitCode.NotSupported, n.Message),
        FileNotFoundException f => (ExitCode.NotFound, f.Message),
        DirectoryNotFoundException d => (ExitCode.NotFound, d.Message),
        FormatException f => (ExitCode.TraceFormat, f.Message),
        InvalidDataException d => (ExitCode.TraceFormat, d.Message),
        OperationCanceledException => (ExitCode.Cancelled, "Cancelled."),
        _ => (ExitCode.Failure, ex.ToString()),
    };

    /// <summary>Runs <paramref name="action"/>, printing a known failure as "error: …" on <paramref name="error"/>.</summary>
    public static async Task<int> Guard(TextWriter error, Func<Task<int>> action, string conflictAdvice = RetryAdvice)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var (code, message) = Describe(ex, conflictAdvice);
            await error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
            return (int)code;
        }
    }
}
