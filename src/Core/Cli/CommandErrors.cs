using NeuroSim.Replay.Core.Events;
using NeuroSim.Replay.Core.Runs;
using NeuroSim.Replay.Core.Store;
using NeuroSim.Replay.Core.Traces;

namespace NeuroSim.Replay.Core.Cli;

/// <summary>Turns the known failures into one line on stderr and an exit code; unknown ones keep their stack trace.</summary>
public static class CommandErrors
{
    public static (ExitCode Code, string Message) Describe(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions.Count: > 0 } a => Describe(a.InnerExceptions[0]),
        StoreDamagedException d => (ExitCode.StoreError, d.Message),
        TraceFormatException t => (ExitCode.TraceFormat, t.Message),
        // A stored event that does not parse: the store's content is damaged (or written by an incompatible build).
        EventFormatException f => (ExitCode.StoreError, f.Message.TrimEnd('.') + ". The stored event is damaged or was written by a newer build; run ./neurosim check-store for the details."),
        RunNotFoundException n => (ExitCode.NotFound, n.Message),
        WrongExpectedVersionException w => (ExitCode.Conflict, w.Message + " Another process wrote to the run; run the command again."),
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
    public static async Task<int> Guard(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var (code, message) = Describe(ex);
            await error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
            return (int)code;
        }
    }
}
