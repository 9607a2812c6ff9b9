using NeuroSim.Replay.Analyzer;

return await AnalyzerCli.Run(args, Console.Out, Console.Error);
