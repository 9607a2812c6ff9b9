using NeuroSim.Replay.ChipModel.Traces;

namespace NeuroSim.Replay.ChipModel.Circuit.Trace;

/// <summary>
/// One subarray's share of a layer's reads, as far as the column currents go: the trace layer, the conductances
/// (<see cref="ConductanceKey"/>), the wire and access resistances and read mode that turn them into column
/// resistances, the window's rows and columns and the input vectors read. Chips of a sweep that agree on all of it read
/// the same columns.
/// </summary>
internal sealed class ReadWindow : IEquatable<ReadWindow>
{
    private readonly int _hash;

    public ReadWindow(LayerTrace layer, ConductanceKey conductances, ColumnReadParameters read, SubMatrix window, int numVectors)
    {
        (Layer, Conductances, Read, Window, NumVectors) = (layer, conductances, read, window, numVectors);
        var h = new HashCode();
        h.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(layer));
        h.Add(conductances);
        h.Add(read);
        h.Add(window.ColStart);
        h.Add(window.ColCount);
        h.Add(numVectors);
        foreach (var r in window.Rows) h.Add(r);
        _hash = h.ToHashCode();
    }

    public LayerTrace Layer { get; }
    public ConductanceKey Conductances { get; }
    public ColumnReadParameters Read { get; }
    public SubMatrix Window { get; }
    public int NumVectors { get; }

    public bool Equals(ReadWindow? other) =>
        other is not null && _hash == other._hash && ReferenceEquals(Layer, other.Layer) && Conductances == other.Conductances && Read == other.Read
        && NumVectors == other.NumVectors && Window.ColStart == other.Window.ColStart && Window.ColCount == other.Window.ColCount
        && Window.Rows.AsSpan().SequenceEqual(other.Window.Rows);

    public override bool Equals(object? obj) => Equals(obj as ReadWindow);

    public override int GetHashCode() => _hash;
}
