namespace NeuroSim.Replay.ChipModel.Circuit;

/// <summary>A unit's layout: height and width (m) and area (m²).</summary>
public readonly record struct Footprint(double Height, double Width, double Area)
{
    public static Footprint Empty => default;

    public static Footprint Of(double height, double width) => new(height, width, height * width);

    /// <summary>
    /// Applies the parent's layout request to a computed footprint (FunctionUnit's MagicLayout/OverrideLayout).
    /// </summary>
    public Footprint Fit(double newHeight, double newWidth, AreaModify option) => option switch
    {
        AreaModify.Magic when newHeight != 0 => new Footprint(newHeight, Area / newHeight, Area),
        AreaModify.Magic when newWidth != 0 => new Footprint(Area / newWidth, newWidth, Area),
        AreaModify.Override when newHeight != 0 && newWidth != 0 => new Footprint(newHeight, newWidth, newHeight * newWidth),
        AreaModify.Override => throw new ArgumentException("An Override layout needs both a height and a width."),
        _ => this,
    };
}
