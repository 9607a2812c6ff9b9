using NeuroSim.Replay.Core.Events.Contracts;
using NeuroSim.Replay.Core.Replays;

namespace NeuroSim.Replay.Analyzer.Queries;

/// <summary>
/// One row of a run's replays: a stored replay (a chip) with its cost at its latest epoch and, when an accuracy replay ran, one of
/// its accuracy results there (one row per set of accuracy keys), beside the accuracy the run recorded in training.
/// </summary>
/// <param name="EnergyJ">Energy per epoch (FW + AG + WG + WU + leakage) at <paramref name="Epoch"/>, or null without an estimate.</param>
/// <param name="Accuracy">The chip's test accuracy at <paramref name="Epoch"/> for one set of accuracy keys, or null (no accuracy replay).</param>
/// <param name="SoftwareAccuracy">The test accuracy recorded in training at that epoch, or null.</param>
public sealed record ReplayRow(StoredReplay Replay, int? Epoch, double? EnergyJ, AccuracyEstimated? Accuracy, double? SoftwareAccuracy);
