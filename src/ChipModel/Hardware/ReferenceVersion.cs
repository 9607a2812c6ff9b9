namespace NeuroSim.Replay.ChipModel.Hardware;

/// <summary>
/// Which DNN+NeuroSim chip model a configuration computes with (key <c>chipModel</c>): V2.0 (neurosim/DNN_NeuroSim_V2.0,
/// the default) or V2.1 (neurosim/DNN_NeuroSim_V2.1: SAR ADC and voltage-mode sense amps, FeFET polarization energy,
/// no activation gradient for the first layer, wider accumulators; tests/ReferenceRunsV21/NOTES.md). The values are
/// the version times ten; in files and on the command line the version is written <c>v2.0</c> or <c>v2.1</c>.
/// </summary>
public enum ReferenceVersion
{
    V20 = 20,
    V21 = 21,
}
