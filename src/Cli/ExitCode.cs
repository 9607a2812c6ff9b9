namespace NeuroSim.Replay.Cli;

/// <summary>Exit codes shared by every NeuroSim.Replay command.</summary>
public enum ExitCode
{
    Ok = 0,
    /// <summary>Unexpected failure (a bug): the message and stack trace go to stderr.</summary>
    Failure = 1,
    /// <summary>Bad arguments or configuration (names the parameter).</summary>
    InvalidInput = 2,
    /// <summary>The store changed under the command (expected version) or the data conflicts with it.</summary>
    Conflict = 3,
    /// <summary>A trace file or tensor cannot be read (names file, line, column).</summary>
    TraceFormat = 4,
    /// <summary>The named run, epoch or replay does not exist.</summary>
    NotFound = 5,
    /// <summary>The store cannot be opened or used.</summary>
    StoreError = 6,
    /// <summary>The request needs something this setup does not offer (names it), e.g. --resume on a server store.</summary>
    NotSupported = 7,
    /// <summary>Compared results differ from the reference beyond the tolerance.</summary>
    Mismatch = 8,
    /// <summary>Stopped by Ctrl+C; finished work was kept.</summary>
    Cancelled = 130,
}
