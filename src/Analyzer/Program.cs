// NeuroSim.Replay Analyzer: not built yet (see the project's open issues). It exits with a clear message
// rather than pretending to work.
Console.Error.WriteLine("error: the Analyzer is not implemented yet in this build; see README.md (Status).");
return 2;
