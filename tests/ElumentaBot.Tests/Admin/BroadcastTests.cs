using Dapper;
using Elumenta.Core.Accounts;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Payments;
using ElumentaBot.Tests.Transport;

namespace ElumentaBot.Tests.Admin;

public sealed class BroadcastTests
{
    private const long Admin = PaymentHarness.AdminId;

    [Fact]
    public async Task A_broadcast_is_paced_skips_unreachable_and_quiet_users_and_reports_progress_and_a_final_count()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server, pacing: true,
            settings: new Dictionary<string, string?> { ["Broadcast:MessagesPerSecond"] = "10", ["Broadcast:ProgressEvery"] = "10" });
        var accounts = h.Get<AccountService>();
        var users = Enumerable.Range(1, 30).Select(i => 10_000L + i).ToList();
        foreach (var user in users)
        {
            await accounts.GetOrCreateAsync(new TelegramUserInfo(user, null, "U", "en"));
        }

        await accounts.MarkUnreachableAsync(users[0]);
        await accounts.MarkUnreachableAsync(users[1]);
        foreach (var quiet in users.Skip(2).Take(3))
        {
            await accounts.SetNotificationsAsync((await accounts.FindByTelegramIdAsync(quiet))!.Id, false);
        }

        h.Fake.SendText(Admin, "/broadcast New models are here!");
        var started = await h.WaitForCallAsync("sendMessage", c => c.Long("chat_id") == Admin);
        // One recipient blocks the bot just before their message.
        h.Fake.Fail("sendMessage", 403, "Forbidden: bot was blocked by the user");
        await BotHarness.WaitUntilAsync(() => h.Messages(Admin).Any(m => m.String("text")!.Contains("finished", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), "the broadcast finishes");

        // 26 recipients (30 users and the admin, minus 2 unreachable and 3 quiet), one of whom blocks the bot on the way.
        Assert.Equal("📣 Broadcast started: 26 recipients, 5 skipped (blocked, banned or notifications off).", started.String("text"));
        var sends = h.Fake.CallsTo("sendMessage").Where(c => c.String("text") == "New models are here!").ToList();
        Assert.Equal(26, sends.Count);
        Assert.Single(sends, s => s.Status == 403);
        Assert.DoesNotContain(sends, s => users.Take(5).Contains(s.Long("chat_id")!.Value));
        // Paced at 10/s (far below Telegram's ~30/s): no second holds more than 11 sends, and 26 sends take about 2.5 s.
        for (var i = 11; i < sends.Count; i++)
        {
            Assert.True(sends[i].At - sends[i - 11].At >= TimeSpan.FromSeconds(1), $"12 sends within {sends[i].At - sends[i - 11].At}");
        }

        Assert.True(sends[^1].At - sends[0].At >= TimeSpan.FromSeconds(2.3), $"26 sends took {sends[^1].At - sends[0].At}");

        var reports = h.Messages(Admin).Select(m => m.String("text")).ToList();
        Assert.Equal(["📣 10 of 26 processed: 9 delivered, 1 failed.", "📣 20 of 26 processed: 19 delivered, 1 failed."], reports.Where(r => r!.Contains("processed", StringComparison.Ordinal)));
        Assert.Equal("📣 Broadcast finished: 25 delivered, 1 failed, 5 skipped.", reports[^1]);
        var blocked = sends.Single(s => s.Status == 403).Long("chat_id");
        Assert.True((await accounts.FindByTelegramIdAsync(blocked!.Value))!.BlockedByUser);
    }

    [Fact]
    public async Task A_broadcast_cut_off_by_a_restart_resumes_after_the_last_recipient_reached_and_nobody_gets_it_twice()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var db = BotHarness.NewDatabasePath();
        var settings = new Dictionary<string, string?> { ["Broadcast:MessagesPerSecond"] = "20", ["Broadcast:ProgressEvery"] = "1000" };
        var users = Enumerable.Range(1, 40).Select(i => 20_000L + i).ToList();
        FakeBot fake;
        await using (var first = await PaymentHarness.StartAsync(server, db, settings: settings))
        {
            foreach (var user in users)
            {
                await first.Get<AccountService>().GetOrCreateAsync(new TelegramUserInfo(user, null, "U", "en"));
            }

            fake = first.Fake;
            first.Fake.SendText(Admin, "/broadcast Resumable news");
            await BotHarness.WaitUntilAsync(() => Sends(first.Fake).Count >= 10, TimeSpan.FromSeconds(20), "the broadcast is under way");
        }

        var beforeRestart = Sends(fake).Count;
        Assert.InRange(beforeRestart, 10, 30);
        await using var second = await PaymentHarness.StartAsync(server, db, settings: settings);
        await BotHarness.WaitUntilAsync(() => second.Messages(Admin).Any(m => m.String("text")!.Contains("finished", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), "the resumed broadcast finishes");

        // 41 recipients (40 users and the admin): each reached once across both runs; the admin heard "started" once.
        Assert.Same(fake, second.Fake);
        var sends = Sends(second.Fake);
        Assert.Equal(41, sends.Count);
        Assert.Equal(41, sends.Select(s => s.Long("chat_id")).Distinct().Count());
        Assert.Single(second.Messages(Admin), m => m.String("text")!.StartsWith("📣 Broadcast started", StringComparison.Ordinal));
        Assert.Equal("📣 Broadcast finished: 41 delivered, 0 failed, 0 skipped.", second.Messages(Admin)[^1].String("text"));
    }

    private static List<FakeCall> Sends(FakeBot fake) =>
        fake.CallsTo("sendMessage").Where(c => c.String("text") == "Resumable news").ToList();
}
