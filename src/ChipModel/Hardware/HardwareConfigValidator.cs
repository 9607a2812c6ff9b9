namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>
/// Checks a configuration once, at the boundary, and returns every problem (not just the first).
/// Code behind the boundary assumes a valid configuration.
/// </summary>
public static class HardwareConfigValidator
{
    /// <param name="synapseBits">The run's weight precision (wl_weight), when known: cellBit may not exceed it (RD-20; the reference only caps it).</param>
    public static IReadOnlyList<ConfigError> Validate(HardwareConfig config, int? synapseBits = null, string? source = null)
    {
        var errors = new List<ConfigError>();
        var defaults = HardwareConfig.DefaultsOf(config.ChipModel);
        foreach (var key in ConfigKeys.All)
        {
            // RD-100: a later version's key (SARADC under V2.0) has no meaning in this model: it must keep its default.
            if (key.Name != "chipModel" && !key.AppliesTo(config) && !Equals(key.Get(config), key.Get(defaults)))
            {
                errors.Add(new ConfigError(key.Name, key.Format(config),
                    $"is a {ReferenceVersions.Format(key.Since)} key; set chipModel={ReferenceVersions.Format(key.Since)} (or --preset v2.1) to use it", source));
                continue;
            }
            var v = key.NumericValue(config);
            if (!key.IsAllowed(v))
                errors.Add(new ConfigError(key.Name, key.Format(config), $"{key.Format(config)} is not allowed; allowed: {key.Rule}", source));
        }
        if (config.ResistanceOff <= config.ResistanceOn)
            errors.Add(new ConfigError("resistanceOff", Fmt(config.ResistanceOff), $"must be larger than resistanceOn ({Fmt(config.ResistanceOn)}); allowed: more than {Fmt(config.ResistanceOn)}", source));
        if (config.AlgoWeightMax <= config.AlgoWeightMin)
            errors.Add(new ConfigError("algoWeightMax", Fmt(config.AlgoWeightMax), $"must be larger than algoWeightMin ({Fmt(config.AlgoWeightMin)}); allowed: more than {Fmt(config.AlgoWeightMin)}", source));
        if (config.NumColMuxed > config.NumColSubArray)
            errors.Add(new ConfigError("numColMuxed", Fmt(config.NumColMuxed), $"cannot exceed numColSubArray ({config.NumColSubArray}); allowed: 1 to {config.NumColSubArray}", source));
        if (config.NumRowMuxedAG > config.NumRowSubArray)
            errors.Add(new ConfigError("numRowMuxedAG", Fmt(config.NumRowMuxedAG), $"cannot exceed numRowSubArray ({config.NumRowSubArray}); allowed: 1 to {config.NumRowSubArray}", source));
        if (config.NumRowMuxedWG > config.NumRowSubArrayWG)
            errors.Add(new ConfigError("numRowMuxedWG", Fmt(config.NumRowMuxedWG), $"cannot exceed numRowSubArrayWG ({config.NumRowSubArrayWG}); allowed: 1 to {config.NumRowSubArrayWG}", source));
        // RD-06: the weight-gradient ADCs are shared by numRowMuxedWG columns of a WG subarray (WeightGradientUnit.cpp divides
        // numColSubArrayWG by it): more would leave 0 ADCs and a NaN weight-gradient area.
        if (config.NumRowMuxedWG > config.NumColSubArrayWG)
            errors.Add(new ConfigError("numRowMuxedWG", Fmt(config.NumRowMuxedWG), $"cannot exceed numColSubArrayWG ({config.NumColSubArrayWG}): the weight-gradient ADCs are shared by numRowMuxedWG columns of a WG subarray; allowed: 1 to {config.NumColSubArrayWG}", source));
        if (synapseBits is { } bits) errors.AddRange(ValidateForSynapseBits(config, bits, source));
        return errors;
    }

    /// <summary>The one rule that needs the run's weight precision (RD-20).</summary>
    internal static IEnumerable<ConfigError> ValidateForSynapseBits(HardwareConfig config, int synapseBits, string? source)
    {
        if (config.MemCellType != MemCellType.Sram && config.CellBit > synapseBits)
            yield return new ConfigError("cellBit", Fmt(config.CellBit),
                $"cellBit {config.CellBit} exceeds the synapse precision of the run ({synapseBits} bits); allowed: 1 to {synapseBits}", source);
    }

    /// <summary>
    /// Validates once, at the boundary: the result is the proof the chip model takes (<c>ChipDesign</c>), so code behind
    /// the boundary does not check again. Throws <see cref="ConfigException"/> listing every problem, if any.
    /// </summary>
    public static ValidatedHardwareConfig Check(HardwareConfig config, int? synapseBits = null, string? source = null)
    {
        var errors = Validate(config, synapseBits, source);
        return errors.Count > 0 ? throw new ConfigException(errors) : new ValidatedHardwareConfig(config, synapseBits);
    }

    private static string Fmt(object v) => ConfigKey.FormatValue(v);
}
