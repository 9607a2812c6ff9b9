using NeuroSim.Replay.Recorder;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops cleanly (the run is marked aborted, finished epochs stay); a second one kills.
    if (cts.IsCancellationRequested) return;
    e.Cancel = true;
    cts.Cancel();
};
return await RecorderCli.Run(args, Console.Out, Console.Error, cts.Token);
