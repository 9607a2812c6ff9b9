using Npgsql;

namespace NeuroSim.Replay.EventStore.Postgres;

/// <summary>
/// Appends by every process reach subscriptions at once: each append's commit sends a notification on the store's
/// channel (<see cref="PostgresWriteTransaction.Commit"/>), and the first subscription of this handle starts a
/// connection that LISTENs on it and wakes the subscriptions. If that connection fails (the server restarts), polling
/// carries on and the listener connects again.
/// </summary>
public sealed partial class PostgresEventStore
{
    private readonly object _listenLock = new();
    private Task? _listener;

    /// <summary>The notification channel of this store's appends (one per schema).</summary>
    internal string Channel => Address.Schema.Length <= 45
        ? "neurosim_appended_" + Address.Schema
        : "neurosim_appended_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(Address.Schema)));   // names end at 63 bytes

    protected override void OnSubscribing()
    {
        if (!_options.Listen) return;
        lock (_listenLock)
            _listener ??= Task.Run(() => Listen(Disposed));
    }

    private async Task Listen(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                conn.Notification += (_, _) => SignalAppended();
                await using (var cmd = new NpgsqlCommand($"LISTEN \"{Channel}\"", conn))
                    await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                SignalAppended();   // appends made while nobody listened
                while (true) await conn.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or ObjectDisposedException)
            {
                // Polling covers the gap; listen again after a poll interval.
                try { await Task.Delay(PollInterval, TimeProvider, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task StopListening()
    {
        Task? listener;
        lock (_listenLock) listener = _listener;
        if (listener is null) return;
        try { await listener.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }
}
