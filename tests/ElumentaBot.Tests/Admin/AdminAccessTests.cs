using Elumenta.Core.Accounts;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Payments;

namespace ElumentaBot.Tests.Admin;

public sealed class AdminAccessTests
{
    private const long Intruder = 4242;
    private const long Victim = 4343;

    [Theory]
    [InlineData("/stats")]
    [InlineData("/stats 7")]
    [InlineData("/user 4343")]
    [InlineData("/grant 4343 500")]
    [InlineData("/setplan 4343 elite 30")]
    [InlineData("/refund charge-victim")]
    [InlineData("/ban 4343")]
    [InlineData("/unban 4343")]
    [InlineData("/broadcast hello everyone")]
    public async Task A_non_admin_gets_exactly_what_an_unknown_command_gets_and_nothing_happens(string command)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await h.PayAsync(Victim, PaymentHarness.Payload(await h.OrderPackageAsync(Victim, "start")), 140, "charge-victim");
        var victim = (await h.AccountAsync(Victim))!;
        if (command.StartsWith("/unban", StringComparison.Ordinal))
        {
            await h.Get<AccountService>().SetBannedAsync(victim.Id, true);
        }

        var callsBefore = h.Fake.Calls.Count;
        await h.WaitHandledAsync(h.Fake.SendText(Intruder, "/nosuchcommand"));
        var unknownAnswer = Replies(h, callsBefore);
        var callsBetween = h.Fake.Calls.Count;
        await h.WaitHandledAsync(h.Fake.SendText(Intruder, command));
        await Task.Delay(300);

        // The unknown-command answer names the command it did not know; otherwise it is the same answer.
        var name = command.Split(' ')[0];
        Assert.Equal(unknownAnswer.Select(r => (r.Method, r.Text?.Replace("/nosuchcommand", name, StringComparison.Ordinal))), Replies(h, callsBetween));
        var after = (await h.AccountAsync(Victim))!;
        var wasBanned = command.StartsWith("/unban", StringComparison.Ordinal);
        Assert.Equal((victim.Plan, victim.BonusTokens, wasBanned), (after.Plan, after.BonusTokens, after.Banned));
        Assert.Empty(h.Fake.CallsTo("refundStarPayment"));
        Assert.Single(h.Messages(Victim));
    }

    /// <summary>Every call the bot made after <paramref name="from"/> except polling and the cached getMe, as method and text.</summary>
    private static List<(string Method, string? Text)> Replies(PaymentHarness h, int from) =>
        h.Fake.Calls.Skip(from).Where(c => c.Method is not ("getUpdates" or "getMe")).Select(c => (c.Method, c.String("text"))).ToList();
}
