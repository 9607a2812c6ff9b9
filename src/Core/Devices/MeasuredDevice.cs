using NeuroSim.Replay.ChipModel.Device;

namespace NeuroSim.Replay.Core.Devices;

/// <summary>A device's measured potentiation and depression trains (LTD pulses counted from its start: conductance falls).</summary>
/// <param name="Layout">How the file was read: "csv" (curve,pulse,conductance) or "two-column" (nonlinear_fit.m's layout).</param>
public sealed record MeasuredDevice(MeasuredCurve Ltp, MeasuredCurve Ltd, string Layout);
