namespace NeuroSim.Replay.ChipModel.Device;

/// <summary>
/// One measured pulse train: conductance (S) after each pulse number. For depression the pulse number counts the
/// depression pulses from the start of the train, so the conductance falls with it.
/// </summary>
public sealed record MeasuredCurve(IReadOnlyList<double> Pulses, IReadOnlyList<double> Conductances)
{
    public int Count => Pulses.Count;

    /// <summary>The pulses the train spans: the last pulse number minus the first.</summary>
    public double Span => Pulses.Max() - Pulses.Min();

    /// <summary>The points ordered by pulse number.</summary>
    public MeasuredCurve Sorted()
    {
        var order = Enumerable.Range(0, Count).OrderBy(i => Pulses[i]).ToArray();
        return new MeasuredCurve([.. order.Select(i => Pulses[i])], [.. order.Select(i => Conductances[i])]);
    }
}
