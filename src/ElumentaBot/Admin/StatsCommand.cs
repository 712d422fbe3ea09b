using System.Globalization;
using Elumenta.Core.Admin;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Microsoft.Extensions.Logging;
using Telegram.Bot;

namespace ElumentaBot.Admin;

/// <summary>
/// <c>/stats [days]</c>: the text, then the chart as an uploaded PNG, both from one <see cref="StatsReport"/>. The text
/// never waits on the chart: a chart that cannot be drawn or sent is logged once and the admin hears that it failed.
/// </summary>
public sealed partial class StatsCommand(AdminReports reports, IStatsChart chart, Localizer texts, ILogger<StatsCommand> logger)
{
    public const int DefaultDays = 30;

    /// <summary>The period asked for, or null when the argument is not a whole number of days in 1..365.</summary>
    public static int? ParseDays(string[] args) => args switch
    {
        [] => DefaultDays,
        [var d] when int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= AdminStats.MaxDays => days,
        _ => null,
    };

    public string BadDays(string[] args, string lang) =>
        texts.Get(lang, "admin.stats.bad_days", ("value", string.Join(' ', args)), ("max", AdminStats.MaxDays));

    public async Task SendAsync(ITelegramBotClient bot, long chatId, int days, string lang, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bot);
        var (text, report) = await reports.StatsAsync(days, lang, ct);
        await bot.SendMessage(chatId, text, cancellationToken: ct);
        byte[] png;
        try
        {
            png = chart.RenderPng(report, lang);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRenderFailed(logger, ex, days);
            await bot.SendMessage(chatId, texts.Get(lang, "admin.stats.chart_failed"), cancellationToken: ct);
            return;
        }

        var caption = texts.Get(lang, "admin.stats.chart_caption", ("from", Date(report.Days[0].Day)), ("to", Date(report.Days[^1].Day)));
        try
        {
            await bot.SendPhoto(chatId, Uploads.FromBytes(png, "stats.png"), caption, cancellationToken: ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The text is out; failing the update here would only send it again on the retry.
            LogSendFailed(logger, ex, days, png.Length);
            await bot.SendMessage(chatId, texts.Get(lang, "admin.stats.chart_failed"), cancellationToken: ct);
        }
    }

    private static string Date(DateOnly day) => day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    [LoggerMessage(LogLevel.Error, "The /stats chart for {Days} days could not be drawn; the text was sent without it")]
    private static partial void LogRenderFailed(ILogger logger, Exception exception, int days);

    [LoggerMessage(LogLevel.Error, "The /stats chart for {Days} days ({Bytes} bytes) could not be sent; the text was sent without it")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, int days, int bytes);
}
