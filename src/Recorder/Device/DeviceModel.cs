using NeuroSim.Replay.ChipModel.Device;
namespace NeuroSim.Replay.Recorder.Device;

/// <summary>
/// The synaptic device of a run (V2.0 train.py's settings): update nonlinearity for potentiation (LTP) and
/// depression (LTD; a negative label makes the two asymmetric), conductance states, and the cycle-to-cycle and
/// device-to-device variation (standard deviations).
/// </summary>
public sealed record DeviceModel(double NonlinearityLtp, double NonlinearityLtd, int MaxLevel, double C2CVariation, double D2DVariation, string Name = "")
{
    /// <summary>V2.0's wrapper defaults: NL 1.75 / 1.46, 32 levels, C2C 0.003, no D2D.</summary>
    public static DeviceModel V2Default => new(1.75, 1.46, 32, 0.003, 0.0, "RRAM (V2.0 default)");

    /// <summary>A linear, noise-free device (labels at the table's smallest entry).</summary>
    public static DeviceModel Ideal => new(0.01, 0.01, 32, 0, 0, "ideal");

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxLevel < 2) errors.Add($"max_level: {MaxLevel} must be at least 2");
        if (Math.Abs(NonlinearityLtp) > Nonlinearity.MaxLabel) errors.Add($"nonlinearityLTP: |{NonlinearityLtp}| exceeds {Nonlinearity.MaxLabel}");
        if (Math.Abs(NonlinearityLtd) > Nonlinearity.MaxLabel) errors.Add($"nonlinearityLTD: |{NonlinearityLtd}| exceeds {Nonlinearity.MaxLabel}");
        if (C2CVariation < 0 || double.IsNaN(C2CVariation)) errors.Add($"c2cVari: {C2CVariation} must be ≥ 0");
        if (D2DVariation < 0 || double.IsNaN(D2DVariation)) errors.Add($"d2dVari: {D2DVariation} must be ≥ 0");
        return errors;
    }
}
