using Elumenta.Core.Admin;
using ElumentaBot.Localization;
using Microsoft.Extensions.Options;
using ScottPlot;
using SkiaSharp;

namespace ElumentaBot.Admin;

/// <summary>
/// The <c>/stats</c> chart: three stacked panels over the same days — new accounts, requests by category (stacked),
/// Stars received — drawn from the report's <see cref="StatsReport.Days"/>, the rows the text totals.
/// </summary>
public sealed class StatsChart(IOptions<StatsChartOptions> options, Localizer texts, AdminReports reports) : IStatsChart
{
    // SkiaSharp's Linux build ships no font and finds none without files under /usr/share/fonts; labels need Cyrillic.
    private static readonly string[] FontFamilies = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial"];
    private static readonly Color[] Colors = new ScottPlot.Palettes.Category10().Colors;

    public byte[] RenderPng(StatsReport report, string language)
    {
        ArgumentNullException.ThrowIfNull(report);
        var font = FindFont();
        var (width, height) = (options.Value.Width, options.Value.Height);
        var x = report.Days.Select(d => d.Day.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        var categories = report.GenerationsByCategory.Select(c => c.Key).ToList();
        Plot[] panels =
        [
            Panel(font, texts.Get(language, "admin.stats.chart.accounts"), x, [(null, report.Days.Select(d => (double)d.NewAccounts).ToArray())]),
            Panel(font, texts.Get(language, "admin.stats.chart.generations"), x, categories
                .Select(c => ((string?)reports.CategoryName(language, c), report.Days.Select(d => (double)d.Generations.GetValueOrDefault(c)).ToArray())).ToList()),
            Panel(font, texts.Get(language, "admin.stats.chart.stars"), x, [(null, report.Days.Select(d => (double)d.Stars).ToArray())]),
        ];

        var chart = new Multiplot(panels[0]);
        foreach (var panel in panels.Skip(1))
        {
            chart.Subplots.Add(panel);
        }

        chart.Layout = new ScottPlot.MultiplotLayouts.Rows();
        using var surface = SKSurface.Create(new SKImageInfo(width, height))
            ?? throw new InvalidOperationException($"Cannot allocate a {width}×{height} drawing surface.");
        surface.Canvas.Clear(SKColors.White);
        chart.Render(surface.Canvas, new PixelRect(0, width, 0, height));
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static Plot Panel(string font, string title, double[] x, IReadOnlyList<(string? Legend, double[] Values)> series)
    {
        var plot = new Plot();
        plot.Font.Set(font);
        plot.Title(title, 16);
        var ticks = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = d => d.ToString("dd.MM", System.Globalization.CultureInfo.InvariantCulture) };
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        var stacked = new double[x.Length];
        for (var s = 0; s < series.Count; s++)
        {
            var bars = x.Select((at, i) => new Bar
            {
                Position = at, ValueBase = stacked[i], Value = stacked[i] + series[s].Values[i], Size = 0.8,
                FillColor = Colors[s % Colors.Length], LineWidth = 0,
            }).ToList();
            for (var i = 0; i < x.Length; i++)
            {
                stacked[i] += series[s].Values[i];
            }

            var plotted = plot.Add.Bars(bars);
            if (series[s].Legend is { } legend)
            {
                plotted.LegendText = legend;
            }
        }

        if (series.Any(s => s.Legend is not null))
        {
            plot.ShowLegend(Alignment.UpperLeft);
        }

        // Fixed limits: a quiet period still shows every day of it and a zero line, not an auto-scaled -10..10.
        var top = stacked.Length > 0 ? stacked.Max() : 0;
        plot.Axes.SetLimits(x[0] - 0.6, x[^1] + 0.6, 0, Math.Max(1, top * 1.12));
        return plot;
    }

    private static string FindFont() =>
        FontFamilies.FirstOrDefault(HasCyrillic)
        ?? throw new InvalidOperationException(
            "No font with Cyrillic for the chart labels under /usr/share/fonts (install fonts-dejavu-core); tried " + string.Join(", ", FontFamilies) + ".");

    private static bool HasCyrillic(string family)
    {
        using var typeface = SKFontManager.Default.MatchFamily(family);
        return typeface is not null && typeface.ContainsGlyphs("Жж09");
    }
}
