namespace NeuroSim.Replay.ChipModel.Circuit;

/// <summary>
/// The cost of each phase of on-chip training: forward (FW), activation gradient (AG, the error back through the
/// arrays), weight gradient (WG, on the separate weight-gradient unit) and weight update (WU, writing the arrays).
/// Inference has the forward phase only. PEs and tiles have no WG part (it is the chip's).
/// </summary>
public readonly record struct PhaseCosts(Cost Forward, Cost ActivationGradient, Cost WeightGradient, Cost WeightUpdate)
{
    /// <summary>Every phase repeated <paramref name="times"/> times.</summary>
    public static PhaseCosts operator *(PhaseCosts p, double times) =>
        new(p.Forward * times, p.ActivationGradient * times, p.WeightGradient * times, p.WeightUpdate * times);

    /// <summary>
    /// Units side by side (<see cref="Cost.InParallelWith"/>) in the forward phase and, in <paramref name="training"/>,
    /// the activation gradient; their weight gradients and updates add up, as the reference writes arrays one
    /// after the other (the worst case; the chip divides the update by the arrays written at once).
    /// </summary>
    public PhaseCosts InParallelWith(PhaseCosts part, bool training) => training
        ? new(Forward.InParallelWith(part.Forward), ActivationGradient.InParallelWith(part.ActivationGradient),
            WeightGradient + part.WeightGradient, WeightUpdate + part.WeightUpdate)
        : this with { Forward = Forward.InParallelWith(part.Forward) };

    /// <summary>The read phases (FW, AG) shared by <paramref name="copies"/> duplicated units; the update is unchanged.</summary>
    public PhaseCosts SpreadOver(double copies) =>
        this with { Forward = Forward.SpreadOver(copies), ActivationGradient = ActivationGradient.SpreadOver(copies) };

    /// <summary>
    /// A batch: every image runs the forward, activation-gradient and weight-gradient phases; the weights are
    /// updated once (Chip.cpp, "*batchSize").
    /// </summary>
    public PhaseCosts ForBatch(double batchSize) => this with
    {
        Forward = Forward * batchSize,
        ActivationGradient = ActivationGradient * batchSize,
        WeightGradient = WeightGradient * batchSize,
    };
}
