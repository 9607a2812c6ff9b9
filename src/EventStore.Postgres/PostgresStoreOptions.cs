namespace NeuroSim.Replay.EventStore.Postgres;

/// <summary>How to use a server store.</summary>
/// <param name="PollInterval">How often subscriptions look for appends when no notification came (default 1 s; notifications
/// normally wake them at once).</param>
/// <param name="Listen">Hear other processes' appends through LISTEN/NOTIFY (subscriptions then wait for no poll).</param>
/// <param name="ConnectTimeout">How long opening a connection may take (default 10 s: an unreachable server is named within it).</param>
/// <param name="CommandTimeout">How long one command may take (default 5 min: appends of tens of MB).</param>
public sealed record PostgresStoreOptions(TimeSpan? PollInterval = null, bool Listen = true, TimeSpan? ConnectTimeout = null, TimeSpan? CommandTimeout = null)
{
    public TimeSpan EffectivePollInterval => PollInterval ?? TimeSpan.FromSeconds(1);
    public TimeSpan EffectiveConnectTimeout => ConnectTimeout ?? TimeSpan.FromSeconds(10);
    public TimeSpan EffectiveCommandTimeout => CommandTimeout ?? TimeSpan.FromMinutes(5);
}
