namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>
/// A configuration that passed every rule of <see cref="HardwareConfigValidator"/> (made only by
/// <see cref="HardwareConfigValidator.Check"/>), optionally for a known weight precision. Taking this type instead of a
/// <see cref="HardwareConfig"/> is how the chip model says "validated once, at the boundary".
/// </summary>
public sealed class ValidatedHardwareConfig
{
    internal ValidatedHardwareConfig(HardwareConfig config, int? synapseBits)
    {
        Config = config;
        SynapseBits = synapseBits;
    }

    public HardwareConfig Config { get; }

    /// <summary>The weight precision the cross rules were checked for; null when checked without one.</summary>
    public int? SynapseBits { get; }

    /// <summary>This configuration for a run of <paramref name="synapseBits"/>-bit weights: only the rules that depend on them are checked again.</summary>
    public ValidatedHardwareConfig ForSynapseBits(int synapseBits, string? source = null)
    {
        if (SynapseBits == synapseBits) return this;
        var errors = HardwareConfigValidator.ValidateForSynapseBits(Config, synapseBits, source).ToList();
        return errors.Count > 0 ? throw new ConfigException(errors) : new ValidatedHardwareConfig(Config, synapseBits);
    }
}
