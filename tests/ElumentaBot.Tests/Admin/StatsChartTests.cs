using Dapper;
using Elumenta.Core.Accounts;
using Elumenta.Core.Admin;
using ElumentaBot.Admin;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Payments;
using ElumentaBot.Tests.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ElumentaBot.Tests.Admin;

public sealed class StatsChartTests
{
    private const long Admin = PaymentHarness.AdminId;
    private static readonly Dictionary<string, string?> Size = new() { ["Admin:StatsChart:Width"] = "1000", ["Admin:StatsChart:Height"] = "840" };

    [Fact]
    public async Task Stats_7_sends_the_text_and_then_a_chart_of_the_same_days()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server, settings: Size);
        ToNoon(h);
        var early = (await h.Get<AccountService>().GetOrCreateAsync(new(2001, "early", "Early", "en"))).Account;
        await InsertAsync(h, early.Id, "Text", "Text", "Image");
        await h.PayAsync(2001, PaymentHarness.Payload(await h.OrderPackageAsync(2001, "light")), 250, "c-outside");
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Get<AccountService>().GetOrCreateAsync(new(2002, "second", "Second", "en"));
        await h.PayAsync(2002, PaymentHarness.Payload(await h.OrderPackageAsync(2002, "light")), 250, "c-day1");
        await InsertAsync(h, early.Id, "Text", "Text", "Text", "Image");
        h.Clock.Advance(TimeSpan.FromDays(2));
        await h.PayAsync(2003, PaymentHarness.Payload(await h.OrderPlanAsync(2003, "pro")), 950, "c-day3", recurring: true, first: true);
        await InsertAsync(h, early.Id, "Video", "Video", "Text");
        h.Clock.Advance(TimeSpan.FromDays(4));
        await InsertAsync(h, early.Id, "Music");

        var update = h.Fake.SendText(Admin, "/stats 7");
        await h.WaitHandledAsync(update);

        var text = Assert.Single(h.Messages(Admin)).String("text")!;
        var photo = Assert.Single(h.Fake.CallsTo("sendPhoto"));
        Assert.True(h.Fake.Calls.ToList().FindIndex(c => c.Method == "sendMessage") < h.Fake.Calls.ToList().IndexOf(photo), "the text goes first");
        Assert.Equal(Admin, photo.Long("chat_id"));
        var today = DateOnly.FromDateTime(h.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal($"📈 Per day (UTC), {today.AddDays(-6):dd.MM.yyyy} – {today:dd.MM.yyyy}: new accounts, requests by category, Stars received.", photo.String("caption"));

        // The figures the text shows are the sums of the days the chart draws (one report feeds both).
        var report = await h.Get<AdminStats>().GetAsync(7, AdminReports.TopModels);
        Assert.Equal([1L, 0, 1, 0, 0, 0, 1], report.Days.Select(d => d.NewAccounts));
        Assert.Equal([250L, 0, 950, 0, 0, 0, 0], report.Days.Select(d => d.Stars));
        Assert.Equal([4L, 0, 3, 0, 0, 0, 1], report.Days.Select(d => d.AllGenerations));
        Assert.Contains($"New accounts in the period: {report.NewAccounts}.", text, StringComparison.Ordinal);
        Assert.Contains("New accounts in the period: 3.", text, StringComparison.Ordinal);
        Assert.Contains("Requests by category (8):\n• Text: 4\n• Video: 2\n• Images: 1\n• Music: 1", text, StringComparison.Ordinal);
        Assert.Contains($"Stars revenue ({report.StarsReceived:N0} ⭐):", text, StringComparison.Ordinal);
        Assert.Contains("Stars revenue (1,200 ⭐):", text, StringComparison.Ordinal);

        var png = ChartPng.Decode(Assert.Single(photo.Files).Content);
        Assert.Equal((1000, 840), (png.Width, png.Height));
        Assert.True(png.DistinctColours > 50, $"{png.DistinctColours} distinct colours");
        Assert.True(png.NonWhiteShare > 0.03, $"{png.NonWhiteShare:P1} of the pixels are drawn");
        // Four categories: the fourth colour of the palette (red) is a stack segment of its own.
        Assert.All(ChartPng.Palette.Take(4), colour => Assert.True(png.Count(colour) > 50, $"colour {colour:X6} is drawn"));
        Assert.Equal(0, png.Count(ChartPng.Palette[4]));
    }

    [Fact]
    public async Task A_russian_admin_gets_russian_texts_and_a_quiet_week_still_gets_its_chart()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server, settings: Size);
        ToNoon(h);

        await h.WaitHandledAsync(h.Fake.SendText(Admin, "/stats 7", languageCode: "ru"));

        var text = Assert.Single(h.Messages(Admin)).String("text")!;
        Assert.Contains("Новых аккаунтов за период: 1.", text, StringComparison.Ordinal);
        Assert.Contains("Запросы по категориям (0):\n• нет", text, StringComparison.Ordinal);
        var photo = Assert.Single(h.Fake.CallsTo("sendPhoto"));
        Assert.StartsWith("📈 По дням (UTC), ", photo.String("caption"), StringComparison.Ordinal);
        var png = ChartPng.Decode(Assert.Single(photo.Files).Content);
        Assert.Equal((1000, 840), (png.Width, png.Height));
        Assert.True(png.DistinctColours > 20 && png.NonWhiteShare > 0.01, $"{png.DistinctColours} colours, {png.NonWhiteShare:P1} drawn");
        Assert.True(png.Count(ChartPng.Palette[0]) > 50, "today's new account (the admin) is a bar");
        Assert.Equal(0, png.Count(ChartPng.Palette[1]));
    }

    [Fact]
    public async Task A_year_of_every_category_draws_each_series_in_its_colour()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server, settings: Size);
        string[] categories = ["Text", "Image", "Video", "Music", "Tts", "Stt", "AudioTool", "ImageTool"];
        var first = new DateOnly(2025, 12, 1);
        var days = Enumerable.Range(0, 365).Select(i => new DayStats(first.AddDays(i), i % 7,
            categories.Select((c, k) => (c, v: (long)((i + k) % 5))).ToDictionary(p => p.c, p => p.v), i * 3L)).ToList();
        var report = new StatsReport(default, 0, 0, 0, [], [], 0, 0, [], days);

        var png = ChartPng.Decode(h.Get<IStatsChart>().RenderPng(report, "en"));

        Assert.Equal((1000, 840), (png.Width, png.Height));
        Assert.All(ChartPng.Palette, colour => Assert.True(png.Count(colour) > 20, $"colour {colour:X6} is drawn"));
    }

    [Theory]
    [InlineData("/stats 0", "“0”")]
    [InlineData("/stats 366", "“366”")]
    [InlineData("/stats week", "“week”")]
    [InlineData("/stats -7", "“-7”")]
    [InlineData("/stats 7 8", "“7 8”")]
    public async Task Bad_days_get_a_message_naming_them_and_no_chart(string command, string quoted)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);

        await h.WaitHandledAsync(h.Fake.SendText(Admin, command));

        Assert.Equal($"{quoted} is not a period /stats understands: give whole days from 1 to 365, e.g. /stats 7 (/stats alone shows 30).",
            Assert.Single(h.Messages(Admin)).String("text"));
        Assert.Empty(h.Fake.CallsTo("sendPhoto"));
    }

    [Fact]
    public async Task A_chart_that_cannot_be_drawn_leaves_the_text_and_says_so_once()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var h = await PaymentHarness.StartAsync(server, services: s =>
        {
            s.AddSingleton<IStatsChart, BrokenChart>();
            s.AddSingleton<ILoggerProvider>(logs);
        });

        var update = h.Fake.SendText(Admin, "/stats");
        await h.WaitHandledAsync(update);

        var replies = h.Messages(Admin).Select(m => m.String("text")!).ToList();
        Assert.Equal(2, replies.Count);
        Assert.StartsWith("📊 Last 30 days", replies[0], StringComparison.Ordinal);
        Assert.Equal("⚠️ The chart could not be drawn or sent this time; the figures above are complete.", replies[1]);
        Assert.Empty(h.Fake.CallsTo("sendPhoto"));
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("/stats chart for 30 days could not be drawn", StringComparison.Ordinal));
        Assert.Equal("done", await h.Bot.QueryAsync<string>("SELECT status FROM update_inbox WHERE update_id = @update", new { update }));
    }

    [Fact]
    public async Task A_chart_telegram_refuses_leaves_the_text_sent_once_and_says_so()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        h.Fake.Fail("sendPhoto", 400, "Bad Request: IMAGE_PROCESS_FAILED");

        await h.WaitHandledAsync(h.Fake.SendText(Admin, "/stats 3"));

        var replies = h.Messages(Admin).Select(m => m.String("text")!).ToList();
        Assert.Equal(2, replies.Count);
        Assert.StartsWith("📊 Last 3 days", replies[0], StringComparison.Ordinal);
        Assert.StartsWith("⚠️ The chart could not be drawn or sent", replies[1], StringComparison.Ordinal);
        Assert.Equal(400, Assert.Single(h.Fake.CallsTo("sendPhoto")).Status);
    }

    // The test works at noon UTC so that no day boundary passes while it runs (the clock is real time plus an offset).
    private static void ToNoon(PaymentHarness h)
    {
        var now = h.Clock.GetUtcNow();
        h.Clock.Advance(new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(12), TimeSpan.Zero) - now);
    }

    private static Task InsertAsync(PaymentHarness h, long accountId, params string[] categories) =>
        h.Bot.Store.WriteAsync(async (c, t) =>
        {
            foreach (var category in categories)
            {
                await c.ExecuteAsync(
                    """
                    INSERT INTO generations (account_id, model_slug, category, status, price, tokens_spent, created_at)
                    VALUES (@accountId, 'gpt-5', @category, 'completed', 1, 1, @now)
                    """, new { accountId, category, now = h.Clock.GetUtcNow().ToUnixTimeMilliseconds() }, t);
            }

            return 0;
        });

    private sealed class BrokenChart : IStatsChart
    {
        public byte[] RenderPng(StatsReport report, string language) => throw new InvalidOperationException("no surface");
    }
}
