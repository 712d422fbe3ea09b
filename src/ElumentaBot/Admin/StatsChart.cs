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
        var x = Enumerable.Range(0, report.Days.Count).Select(i => (double)i).ToArray();
        var days = DayTicks(report.Days.Select(d => d.Day).ToList());
        var categories = report.GenerationsByCategory.Select(c => c.Key).ToList();
        Plot[] panels =
        [
            Panel(font, days, texts.Get(language, "admin.stats.chart.accounts"), x, [(null, report.Days.Select(d => (double)d.NewAccounts).ToArray())]),
            Panel(font, days, texts.Get(language, "admin.stats.chart.generations"), x, categories
                .Select(c => ((string?)reports.CategoryName(language, c), report.Days.Select(d => (double)d.Generations.GetValueOrDefault(c)).ToArray())).ToList()),
            Panel(font, days, texts.Get(language, "admin.stats.chart.stars"), x, [(null, report.Days.Select(d => (double)d.Stars).ToArray())]),
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

    /// <summary>A labelled tick per day up to two weeks, then every few days (a minor tick on each day up to 3 months).</summary>
    private static ScottPlot.TickGenerators.NumericManual DayTicks(IReadOnlyList<DateOnly> days)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var step = (int)Math.Ceiling(days.Count / 14.0);
        for (var i = 0; i < days.Count; i++)
        {
            if ((days.Count - 1 - i) % step == 0)
            {
                ticks.AddMajor(i, days[i].ToString("dd.MM", System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (days.Count <= 92)
            {
                ticks.AddMinor(i);
            }
        }

        return ticks;
    }

    private static Plot Panel(string font, ScottPlot.TickGenerators.NumericManual days, string title, double[] x, IReadOnlyList<(string? Legend, double[] Values)> series)
    {
        var plot = new Plot();
        plot.Font.Set(font);
        plot.Title(title, 16);
        // Fixed margins line the three panels' days up under each other whatever the width of their value labels.
        plot.Layout.Fixed(new PixelPadding(72, 24, 36, 36));
        plot.Axes.Bottom.TickGenerator = days;
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
            if (series[s].Legend is { } name)
            {
                plotted.LegendText = name;
            }
        }

        var legendRows = (int)Math.Ceiling(series.Count(s => s.Legend is not null) / 5.0);
        if (legendRows > 0)
        {
            plot.ShowLegend(Alignment.UpperCenter, Orientation.Horizontal);
        }

        // Fixed limits: a quiet period still shows every day of it and a zero line, not an auto-scaled -10..10; headroom
        // above the tallest bar keeps the legend off the bars.
        var top = stacked.Length > 0 ? stacked.Max() : 0;
        plot.Axes.SetLimits(-0.6, x.Length - 0.4, 0, Math.Max(1, top * (1.1 + (0.22 * legendRows))));
        return plot;
    }

    private static string FindFont() =>
        FontFamilies.FirstOrDefault(HasCyrillic)
        ?? throw new InvalidOperationException(
            "No font with Cyrillic for the chart labels under /usr/share/fonts (install fonts-dejavu-core); tried " + string.Join(", ", FontFamilies) + ".");

    private static bool HasCyrillic(string family)
    {
        using var typeface = SKFontManager.Default.MatchFamily(family);
        return typeface is not null && typeface.ContainsGlyphs("\u0416\u0436\u044F09");
    }
}
