using SkiaSharp;

namespace ElumentaBot.Tests.Admin;

/// <summary>A decoded PNG and what a test can say about it without knowing the pixels.</summary>
internal sealed class ChartPng
{
    /// <summary>ScottPlot's Category10, the chart's series colours in order (RGB).</summary>
    public static readonly uint[] Palette = [0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD];

    private readonly Dictionary<uint, int> _colours;

    private ChartPng(int width, int height, Dictionary<uint, int> colours)
    {
        (Width, Height, _colours) = (width, height, colours);
    }

    public int Width { get; }

    public int Height { get; }

    public int DistinctColours => _colours.Count;

    public double NonWhiteShare => 1 - ((double)_colours.GetValueOrDefault(0xFFFFFFu) / (Width * Height));

    public int Count(uint rgb) => _colours.GetValueOrDefault(rgb);

    public static ChartPng Decode(byte[] bytes)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        using var bitmap = SKBitmap.Decode(bytes) ?? throw new InvalidDataException("not a decodable PNG");
        var colours = new Dictionary<uint, int>();
        foreach (var pixel in bitmap.Pixels)
        {
            var rgb = ((uint)pixel.Red << 16) | ((uint)pixel.Green << 8) | pixel.Blue;
            colours[rgb] = colours.GetValueOrDefault(rgb) + 1;
        }

        return new ChartPng(bitmap.Width, bitmap.Height, colours);
    }
}
