using System.Globalization;
using NeuroSim.Replay.Analyzer.Queries;
using NeuroSim.Replay.Core.Replays;
using NeuroSim.Replay.Core.Runs;

namespace NeuroSim.Replay.Analyzer.Screens;

/// <summary>
/// Device audit: the recorded runs of one model side by side, epoch by epoch — their device settings, test accuracy,
/// the LTP/LTD pulses of every batch, the fraction of cells stuck at Gmin/Gmax, and the weight-update energy of the
/// epoch on the V2.0 default chip (every recorded batch) where that chip was replayed.
/// </summary>
public sealed class DeviceAuditScreen(StoreQueries q, string model) : Screen
{
    public override string Title => $"Device audit · {model}";

    public override async Task Load(CancellationToken ct)
    {
        var runs = (await q.Runs(ct)).Where(r => r.Started.Model == model && r.Started.Origin == Core.Events.Contracts.RunOrigin.Recorded).OrderBy(r => r.Name).ToList();
        var rows = new List<(int Epoch, string[] Cells)>();
        var defaultChip = new ReplayConfig("default", ChipModel.Hardware.HardwareConfig.Default);
        foreach (var r in runs)
        {
            var pulses = await q.PulsesPerEpoch(r.Name, ct);
            var states = await q.DeviceStates(r.Name, ct);
            var replay = (await q.Replays(r.Name, ct)).FirstOrDefault(x => x.Config.Hash == defaultChip.Hash);
            foreach (var e in r.Evaluations.OrderBy(e => e.Epoch))
            {
                var p = pulses.TryGetValue(e.Epoch, out var x) ? x : (0, 0);
                var st = states.TryGetValue(e.Epoch, out var y) ? y : (0, 0, []);
                // RD-76: WU energy over every recorded batch.
                var wu = replay is not null && await q.Epoch(replay, e.Epoch, ct) is { } f ? Units.Energy(f.Event.WuEnergyAllBatchesJ) : "-";
                rows.Add((e.Epoch,
                [
                    $"{e.Epoch}", r.Name, StoreQueries.Device(r), e.TestAccuracy.ToString("F2", CultureInfo.InvariantCulture) + " %",
                    $"{p.Item1}", $"{p.Item2}",
                    (st.Item1 * 100).ToString("F2", CultureInfo.InvariantCulture) + " %", (st.Item2 * 100).ToString("F2", CultureInfo.InvariantCulture) + " %",
                    StoreQueries.Sparkline(st.Item3), wu,
                ]));
            }
        }
        Columns = ["EPOCH", "RUN", "DEVICE", "TEST ACC", "LTP PULSES", "LTD PULSES", "AT GMIN", "AT GMAX", "LEVELS Gmin→Gmax", "WU E (default chip)"];
        Rows = [.. rows.OrderBy(r => r.Epoch).Select(r => r.Cells)];
        Header = runs.Count < 2
            ? $"only {runs.Count} recorded run(s) of {model}: record others with other device settings (--set c2cVari=… nonlinearityLTP=… d2dVari=…) to compare"
            : $"{runs.Count} recorded runs of {model}, epoch by epoch; WU energy needs a replay on the V2.0 default chip (./neurosim replay RUN)";
    }
}
