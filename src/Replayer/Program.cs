using NeuroSim.Replay.Replayer;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await ReplayerCli.Run(args, Console.Out, Console.Error, cancel.Token);
