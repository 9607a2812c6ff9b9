using SkiaSharp;

namespace NeuroSim.Replay.Analyzer.Tests.Figures;

/// <summary>Checks a figure: a PNG (signature, decodes) of the documented size, with plot content in colour (data, not only axes and text).</summary>
public static class Png
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <returns>The number of coloured pixels (palette colours: saturation above the grays of axes, grid and text).</returns>
    public static int AssertFigure(byte[] png, int minColouredPixels = 2000)
    {
        Assert.True(png.Length > Signature.Length && png.AsSpan(0, Signature.Length).SequenceEqual(Signature), "not a PNG");
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((NeuroSim.Replay.Figures.Figure.Width, NeuroSim.Replay.Figures.Figure.Height), (bitmap.Width, bitmap.Height));
        var coloured = 0;
        var dark = 0;
        foreach (var p in bitmap.Pixels)
        {
            var max = Math.Max(p.Red, Math.Max(p.Green, p.Blue));
            var min = Math.Min(p.Red, Math.Min(p.Green, p.Blue));
            if (max - min > 60) coloured++;
            if (max < 90) dark++;
        }
        Assert.True(coloured >= minColouredPixels, $"only {coloured} coloured pixels (at least {minColouredPixels} expected): the plot shows no data");
        Assert.True(dark > 2000, $"only {dark} dark pixels: no text or axes");
        return coloured;
    }

    public static int AssertFigure(string path, int minColouredPixels = 2000)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        try { return AssertFigure(File.ReadAllBytes(path), minColouredPixels); }
        catch (Xunit.Sdk.XunitException e) { throw new Xunit.Sdk.XunitException($"{path}: {e.Message}"); }
    }
}
