using Elumenta.Core.Payments;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;

namespace ElumentaBot.Tests.Payments;

public sealed class CrashTests
{
    private const long User = 7001;

    [Fact]
    public async Task A_process_killed_between_the_credit_and_the_confirmation_credits_once_and_confirms_once_after_restart()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var db = BotHarness.NewDatabasePath();
        var settings = new Dictionary<string, string?> { ["Telegram:ShutdownDeadlineSeconds"] = "1" };
        int update;
        await using (var run1 = await PaymentHarness.StartAsync(server, db, settings: settings))
        {
            var payload = PaymentHarness.Payload(await run1.OrderPackageAsync(User, "pro_pack"));
            // The confirmation hangs: the credit has committed, the reply never completes.
            run1.Fake.Delay("sendMessage", TimeSpan.FromMinutes(2));
            update = run1.Fake.SendSuccessfulPayment(User, payload, 1850, "charge-crash");
            await BotHarness.WaitUntilAsync(() => run1.Fake.CallsTo("sendMessage").Count == 1, PaymentHarness.Wait, "the confirmation is on its way");
            Assert.Equal("fulfilled", (await run1.Get<PaymentService>().FindAsync("charge-crash"))!.Status);

            await run1.Bot.StopAsync();

            await BotHarness.WaitUntilAsync(() => run1.Fake.CallsTo("sendMessage")[0].Status == 499, PaymentHarness.Wait, "the hung send is abandoned");
            Assert.Null((await run1.Get<PaymentService>().FindAsync("charge-crash"))!.ConfirmationSentAt);
            Assert.Equal("pending", await run1.Bot.QueryAsync<string>("SELECT status FROM update_inbox WHERE update_id = @update", new { update }));
        }

        // Telegram redelivers the unconfirmed update as well; the restarted host also finds it pending in its inbox.
        server.Bot(BotHarness.Token).Redeliver([update]);
        await using var run2 = await PaymentHarness.StartAsync(server, db, settings: settings);
        await run2.WaitConfirmedAsync("charge-crash");
        await run2.WaitHandledAsync(update);

        Assert.Equal(1_050, (await run2.AccountAsync(User))!.BonusTokens);
        Assert.Equal(1, await run2.Bot.QueryAsync<long>("SELECT COUNT(*) FROM ledger WHERE kind = 'package_purchase'"));
        var confirmation = Assert.Single(run2.Messages(User));
        Assert.Contains("+1,000 tokens", confirmation.String("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_confirmation_send_makes_the_update_retry_and_confirm_once()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(User, "light"));
        h.Fake.Fail("sendMessage", 502, "Bad Gateway");

        await h.PayAsync(User, payload, 250, "charge-retry");

        Assert.Equal([502, 200], h.Fake.CallsTo("sendMessage").Select(c => c.Status));
        Assert.Equal(150, (await h.AccountAsync(User))!.BonusTokens);
    }

    [Fact]
    public async Task A_payment_whose_update_gave_up_is_confirmed_by_the_scheduler_sweep_exactly_once()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(User, "light"));
        h.Fake.Fail("sendMessage", 502, "Bad Gateway", times: 3);

        await h.WaitHandledAsync(h.Fake.SendSuccessfulPayment(User, payload, 250, "charge-sweep"));
        Assert.Equal("failed", await h.Bot.QueryAsync<string>("SELECT status FROM update_inbox ORDER BY update_id DESC LIMIT 1"));
        await h.RunCycleJobsAsync();
        Assert.Empty(h.Messages(User));

        h.Clock.Advance(TimeSpan.FromMinutes(3));
        await h.RunCycleJobsAsync();
        await h.RunCycleJobsAsync();

        Assert.Single(h.Messages(User));
        Assert.NotNull((await h.Get<PaymentService>().FindAsync("charge-sweep"))!.ConfirmationSentAt);
        Assert.Equal(150, (await h.AccountAsync(User))!.BonusTokens);
    }

    /// <summary>A user who blocked the bot meanwhile (403) or Telegram still failing (502): one sweep attempt, not one per tick for days.</summary>
    [Theory]
    [InlineData(403, "Forbidden: bot was blocked by the user")]
    [InlineData(502, "Bad Gateway")]
    public async Task The_sweep_tries_a_payments_confirmation_once(int status, string description)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(User, "light"));
        h.Fake.Fail("sendMessage", 502, "Bad Gateway", times: 3);
        await h.WaitHandledAsync(h.Fake.SendSuccessfulPayment(User, payload, 250, $"charge-{status}"));

        h.Fake.Fail("sendMessage", status, description, times: 100);
        var before = h.Fake.CallsTo("sendMessage").Count;
        for (var tick = 0; tick < 10; tick++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(3));
            await h.RunCycleJobsAsync();
        }

        Assert.Equal(1, h.Fake.CallsTo("sendMessage").Count - before);
        Assert.Equal(150, (await h.AccountAsync(User))!.BonusTokens);
    }

    [Fact]
    public async Task A_payment_whose_update_never_arrived_is_credited_once_from_the_star_history()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(User, "light"));
        // Telegram took the Stars, but the successful_payment update was lost (power cut before it was stored).
        h.Fake.AddStarTransaction(User, payload, 250, "charge-lost");

        await h.RunCycleJobsAsync();
        Assert.Equal(50, (await h.AccountAsync(User))!.BonusTokens); // too recent: its update may still be on its way

        h.Clock.Advance(TimeSpan.FromMinutes(11));
        await h.RunCycleJobsAsync();
        await h.RunCycleJobsAsync();

        Assert.Equal(150, (await h.AccountAsync(User))!.BonusTokens);
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM ledger WHERE kind = 'package_purchase' AND payment_charge_id = 'charge-lost'"));
        Assert.Contains("+100 tokens", Assert.Single(h.Messages(User)).String("text"), StringComparison.Ordinal);

        // The late update itself changes nothing.
        await h.WaitHandledAsync(h.Fake.SendSuccessfulPayment(User, payload, 250, "charge-lost"));
        Assert.Equal(150, (await h.AccountAsync(User))!.BonusTokens);
        await h.RunCycleJobsAsync();
        Assert.Single(h.Messages(User));
    }

    [Fact]
    public async Task A_star_payment_that_matches_no_order_is_recorded_and_the_admins_are_told()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await h.AccountAsync(User);
        h.Fake.AddStarTransaction(User, "no-such-order", 99, "charge-orphan");
        h.Clock.Advance(TimeSpan.FromMinutes(11));

        await h.RunCycleJobsAsync();

        Assert.Equal("unmatched", (await h.Get<PaymentService>().FindAsync("charge-orphan"))!.Status);
        Assert.Contains("charge-orphan", Assert.Single(h.Messages(PaymentHarness.AdminId)).String("text"), StringComparison.Ordinal);
        Assert.Single(h.Messages(User));
        Assert.Equal(50, (await h.AccountAsync(User))!.BonusTokens);
    }
}
