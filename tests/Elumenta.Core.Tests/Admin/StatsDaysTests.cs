using Dapper;
using Elumenta.Core.Admin;
using Elumenta.Core.Payments;
using Elumenta.Core.Tests.Payments;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Admin;

public sealed class StatsDaysTests
{
    [Fact]
    public async Task Every_day_of_the_period_has_its_row_and_the_totals_are_the_sums_of_the_rows()
    {
        // The clock starts on 2 November 09:00 UTC; "today" becomes 9 November, so /stats 7 covers 3–9 November.
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var old = await h.NewAccountAsync(1);
        await InsertAsync(h, old.Id, ("gpt-5", "Text", "completed"));
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(1, (await kit.Orders.CreateAsync(old.Id, OrderKind.Package, "light"))!, "c-old"));
        MoveTo(h, new DateTimeOffset(2026, 11, 2, 23, 59, 59, 999, TimeSpan.Zero));
        await InsertAsync(h, old.Id, ("dall-e-3", "Image", "completed"));

        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var first = await h.NewAccountAsync(2);
        await InsertAsync(h, old.Id, ("dall-e-3", "Image", "completed"), ("gpt-5", "text", "completed"), ("gpt-5", "Text", "completed"), ("isolate", "audio_tool", "completed"));
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(2, (await kit.Orders.CreateAsync(first.Id, OrderKind.Package, "light"))!, "c-a"));

        MoveTo(h, new DateTimeOffset(2026, 11, 5, 10, 0, 0, TimeSpan.Zero));
        var payer = await h.NewAccountAsync(3);
        var refunded = await h.NewAccountAsync(4);
        await InsertAsync(h, old.Id, ("luma-ray2-flash", "Video", "completed"), ("luma-ray2-flash", "Video", "failed"), ("isolate", "AudioTool", "completed"),
            ("gpt-5", "Text", "failed"));
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(3, (await kit.Orders.CreateAsync(payer.Id, OrderKind.Plan, "pro"))!, "c-pro", recurring: true, first: true));
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(4, (await kit.Orders.CreateAsync(refunded.Id, OrderKind.Package, "light"))!, "c-refunded"));
        await kit.Payments.RecordRefundAsync("c-refunded");

        MoveTo(h, new DateTimeOffset(2026, 11, 9, 8, 0, 0, TimeSpan.Zero));
        await h.NewAccountAsync(5);
        await InsertAsync(h, old.Id, ("suno-v4.5", "Music", "completed"));

        var report = await new AdminStats(h.Main.Store, CoreHarness.Catalog, h.Clock).GetAsync(7, 10);

        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), report.Since);
        Assert.Equal(Enumerable.Range(3, 7).Select(d => new DateOnly(2026, 11, d)), report.Days.Select(d => d.Day));
        Assert.Equal([1L, 0, 2, 0, 0, 0, 1], report.Days.Select(d => d.NewAccounts));
        Assert.Equal([250L, 0, 950, 0, 0, 0, 0], report.Days.Select(d => d.Stars));
        Assert.Equal(
            ["AudioTool:1 Image:1 Text:2", "", "AudioTool:1 Text:1 Video:2", "", "", "", "Music:1"],
            report.Days.Select(d => string.Join(' ', d.Generations.Select(g => $"{g.Key}:{g.Value}"))));

        // The text's totals are these sums, and they agree with the sections read by their own queries.
        Assert.Equal(4, report.NewAccounts);
        Assert.Equal(1200, report.StarsReceived);
        Assert.Equal(report.Revenue.Sum(r => r.Stars), report.StarsReceived);
        Assert.Equal((1L, 250L), (report.RefundedPayments, report.RefundedStars));
        Assert.Equal(
            [KeyValuePair.Create("Text", 3L), KeyValuePair.Create("AudioTool", 2L), KeyValuePair.Create("Video", 2L), KeyValuePair.Create("Image", 1L), KeyValuePair.Create("Music", 1L)],
            report.GenerationsByCategory);
        Assert.Equal(report.TopModels.Sum(m => m.Generations), report.Days.Sum(d => d.AllGenerations));
    }

    [Fact]
    public async Task A_quiet_period_is_all_zero_days_and_the_period_is_1_to_365_days()
    {
        await using var h = await CoreHarness.StartAsync();
        var stats = new AdminStats(h.Main.Store, CoreHarness.Catalog, h.Clock);

        var one = await stats.GetAsync(1, 10);
        var year = await stats.GetAsync(365, 10);

        Assert.Equal(new DateOnly(2026, 11, 2), Assert.Single(one.Days).Day);
        Assert.Equal(365, year.Days.Count);
        Assert.All(year.Days, d => Assert.Equal((0L, 0L, 0L), (d.NewAccounts, d.AllGenerations, d.Stars)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stats.GetAsync(0, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stats.GetAsync(366, 10));
    }

    private static void MoveTo(CoreHarness h, DateTimeOffset at)
    {
        Assert.True(at >= h.Clock.GetUtcNow());
        h.Clock.Advance(at - h.Clock.GetUtcNow());
    }

    private static Task InsertAsync(CoreHarness h, long accountId, params (string Model, string Category, string Status)[] rows) =>
        h.Main.Store.WriteAsync(async (c, t) =>
        {
            foreach (var row in rows)
            {
                await c.ExecuteAsync(
                    """
                    INSERT INTO generations (account_id, model_slug, category, status, price, tokens_spent, created_at)
                    VALUES (@accountId, @Model, @Category, @Status, 1, 1, @now)
                    """, new { accountId, row.Model, row.Category, row.Status, now = h.Clock.GetUtcNow().ToUnixTimeMilliseconds() }, t);
            }

            return 0;
        });
}
