using System.Text.RegularExpressions;
using Elumenta.Core.Accounts;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Payments;
using ElumentaBot.Tests.Transport;

namespace ElumentaBot.Tests.Growth;

public sealed partial class ReferralBotTests
{
    private const long A = 5001;
    private const long B = 5002;
    private const long C = 5003;

    [Fact]
    public async Task Invite_shows_one_opaque_link_and_only_a_first_start_through_it_makes_a_referral()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await h.WaitHandledAsync(h.Fake.SendText(C, "/start"));
        var link = await InviteLinkAsync(h, A);
        Assert.Equal(link, await InviteLinkAsync(h, A));
        Assert.DoesNotContain(A.ToString(System.Globalization.CultureInfo.InvariantCulture), link, StringComparison.Ordinal);
        var start = "/start " + link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..];

        await h.WaitHandledAsync(h.Fake.SendText(B, start, firstName: "Bella"));
        var told = await h.WaitForMessagesAsync(A, 3);
        Assert.Equal("🤝 Bella joined Elumenta through your invite link. You'll get 10% of the tokens they buy.", told[^1].String("text"));

        // A second start by the referral, a start by an account that already existed, and one's own link.
        await h.WaitHandledAsync(h.Fake.SendText(B, start), h.Fake.SendText(C, start), h.Fake.SendText(A, start));

        Assert.Equal(4, h.Messages(A).Count);
        await h.WaitHandledAsync(h.Fake.SendText(A, "/invite"));
        Assert.Contains("Joined through your link: 1\nEarned: 0 tokens", h.Messages(A)[^1].String("text"), StringComparison.Ordinal);
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM referrals"));
    }

    [Fact]
    public async Task A_referrals_payment_credits_both_once_tells_them_and_a_refund_takes_exactly_that_back()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var link = await InviteLinkAsync(h, A);
        await h.WaitHandledAsync(h.Fake.SendText(B, "/start " + link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..]));
        await h.WaitForMessagesAsync(A, 2);
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(B, "standard"));

        await h.PayAsync(B, payload, 450, "charge-g1");
        await h.WaitHandledAsync(h.Fake.SendSuccessfulPayment(B, payload, 450, "charge-g1"));

        Assert.Equal(50 + 20, (await h.AccountAsync(A))!.BonusTokens);
        Assert.Equal(50 + 200 + 25, (await h.AccountAsync(B))!.BonusTokens);
        await BotHarness.WaitUntilAsync(() => h.Messages(B).Count(m => m.String("text")!.StartsWith("🎁 Thanks for joining", StringComparison.Ordinal)) == 1, PaymentHarness.Wait, "the gift is told");
        Assert.Single(h.Messages(A), m => m.String("text") == "🎁 Your referral made a payment: 20 tokens added to your bonus tokens.");
        await h.WaitHandledAsync(h.Fake.SendText(A, "/invite"));
        Assert.Contains("Earned: 20 tokens", h.Messages(A)[^1].String("text"), StringComparison.Ordinal);

        await h.WaitHandledAsync(h.Fake.SendText(PaymentHarness.AdminId, "/refund charge-g1"));

        Assert.Equal(50, (await h.AccountAsync(A))!.BonusTokens);
        Assert.Equal(50, (await h.AccountAsync(B))!.BonusTokens);
        Assert.Equal(4, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM ledger WHERE kind = 'referral_bonus'"));
    }

    [Fact]
    public async Task An_inviter_with_notifications_off_is_credited_but_not_told()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var link = await InviteLinkAsync(h, A);
        await h.Get<AccountService>().SetNotificationsAsync((await h.AccountAsync(A))!.Id, false);
        await h.WaitHandledAsync(h.Fake.SendText(B, "/start " + link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..]));
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(B, "light"));

        await h.PayAsync(B, payload, 250, "charge-quiet");

        Assert.Equal(60, (await h.AccountAsync(A))!.BonusTokens);
        Assert.Single(h.Messages(A));
    }

    internal static async Task<string> InviteLinkAsync(PaymentHarness h, long user)
    {
        await h.WaitHandledAsync(h.Fake.SendText(user, "/invite"));
        var text = h.Messages(user)[^1].String("text")!;
        return Link().Match(text) is { Success: true } m ? m.Value : throw new Xunit.Sdk.XunitException("No invite link in: " + text);
    }

    [GeneratedRegex(@"https://t\.me/elumenta_sandbox_bot\?start=ref-[a-z2-9]{10}")]
    private static partial Regex Link();
}
