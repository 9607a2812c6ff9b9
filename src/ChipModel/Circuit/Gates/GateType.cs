namespace NeuroSim.Replay.ChipModel.Circuit.Gates;

public enum GateType
{
    Inv,
    Nor,
    Nand,
}

public enum TransistorKind
{
    Nmos,
    Pmos,
}
