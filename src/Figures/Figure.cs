using ScottPlot;

namespace NeuroSim.Replay.Figures;

/// <summary>
/// What every figure shares: its size (<see cref="Width"/> x <see cref="Height"/> pixels, PNG), the font (DejaVu Sans, read from its
/// file: the headless Skia build ScottPlot brings has no fontconfig to find system fonts), the palette, and rendering to PNG bytes
/// (callers write them whole or not at all).
/// </summary>
public static class Figure
{
    public const int Width = 1200, Height = 800;

    /// <summary>Where DejaVu Sans is looked for (Debian's fonts-dejavu-core, then other common places).</summary>
    public static readonly IReadOnlyList<string> FontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/local/share/fonts/DejaVuSans.ttf",
    ];

    public const string FontName = "DejaVu Sans";

    /// <summary>A plot with the font and sizes figures use; fails with one line when no font file is found.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        EnsureFont();
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, size: 22);
        plot.XLabel(xLabel, size: 18);
        plot.YLabel(yLabel, size: 18);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 15;
        plot.Axes.Left.TickLabelStyle.FontSize = 15;
        plot.Legend.FontSize = 15;
        plot.Legend.FontName = FontName;
        return plot;
    }

    /// <summary>The i-th colour of the palette (Category10).</summary>
    public static Color Color(int i) => new ScottPlot.Palettes.Category10().GetColor(i);

    public static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);

    private static void EnsureFont()
    {
        // ScottPlot keeps added fonts in its own registry; adding the same file again is harmless.
        var file = FontFiles.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"figures need the DejaVu Sans font (Debian: apt-get install fonts-dejavu-core); looked in {string.Join(", ", FontFiles)}");
        Fonts.AddFontFile(FontName, file);
    }
}
