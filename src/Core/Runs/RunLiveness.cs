using System.Diagnostics;
using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.IO;

namespace NeuroSim.Replay.Core.Runs;

/// <summary>
/// Decides whether a run whose stream says "recording" still has a recorder: the owner of its latest attempt
/// (RunStarted or RunResumed) on this host must be running with the recorded start time, else the run is
/// <see cref="RunStatus.Abandoned"/>. A run recorded on another host, or before owners were recorded, is
/// <see cref="RunStatus.Stale"/> once its last event is older than <see cref="StaleAfter"/>.
/// </summary>
public sealed record RunLiveness(IProcessProbe Probe, TimeProvider Clock, TimeSpan StaleAfter)
{
    /// <summary>No event for this long and nobody here to ask: stale. Longer than any quiet spell of a live run (a VGG-8 test pass takes minutes).</summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromMinutes(30);

    /// <summary>How far a process's start time may read differently between two processes (clock adjustments).</summary>
    public static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(5);

    public static RunLiveness System { get; } = new(new SystemProcessProbe(), TimeProvider.System, DefaultStaleAfter);

    /// <summary>The process this code runs in, as the owner of a recording attempt.</summary>
    public static RecordingOwner CurrentOwner()
    {
        using var self = Process.GetCurrentProcess();
        return new RecordingOwner
        {
            Host = Environment.MachineName,
            Pid = Environment.ProcessId,
            ProcessStartUnixMs = new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero).ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>The status of a run in status "recording" whose latest attempt is owned by <paramref name="owner"/> (null: not recorded).</summary>
    public RunStatus Judge(RecordingOwner? owner, DateTimeOffset lastEvent)
    {
        if (owner is { Pid: > 0, Host.Length: > 0 } && owner.Host == Probe.HostName)
            return Probe.StartTime(owner.Pid) is { } started &&
                   (started - DateTimeOffset.FromUnixTimeMilliseconds(owner.ProcessStartUnixMs)).Duration() <= StartTimeTolerance
                ? RunStatus.Recording
                : RunStatus.Abandoned;
        return Clock.GetUtcNow() - lastEvent > StaleAfter ? RunStatus.Stale : RunStatus.Recording;
    }
}
