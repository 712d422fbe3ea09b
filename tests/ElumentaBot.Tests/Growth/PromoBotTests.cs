using ElumentaBot.Growth.Promo;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Payments;

namespace ElumentaBot.Tests.Growth;

public sealed class PromoBotTests
{
    private const long Admin = PaymentHarness.AdminId;
    private const long User = 6001;
    private const long Other = 6002;

    [Fact]
    public async Task Admin_commands_check_every_argument_refuse_duplicates_list_and_end_codes()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);

        Assert.Equal("The code must be 3–32 characters: Latin letters, digits, '_' or '-' (and not NEW, LIST or END). Nothing was created.", await SayAsync(h, Admin, "/promo new a! 10 5 7"));
        Assert.Equal("The code must be 3–32 characters: Latin letters, digits, '_' or '-' (and not NEW, LIST or END). Nothing was created.", await SayAsync(h, Admin, "/promo new list 10 5 7"));
        Assert.Equal("TOKENS must be a whole number from 1 to 100,000. Nothing was created.", await SayAsync(h, Admin, "/promo new SPRING 0 5 7"));
        Assert.Equal("MAX_USES must be a whole number from 1 to 1,000,000. Nothing was created.", await SayAsync(h, Admin, "/promo new SPRING 10 -1 7"));
        Assert.Equal("DAYS must be a whole number from 1 to 365. Nothing was created.", await SayAsync(h, Admin, "/promo new SPRING 10 5 366"));
        Assert.StartsWith("Admin:\n/promo new CODE", await SayAsync(h, Admin, "/promo new SPRING 10"), StringComparison.Ordinal);
        Assert.Equal("No promo codes yet. Create one with /promo new CODE TOKENS MAX_USES DAYS.", await SayAsync(h, Admin, "/promo list"));

        var created = await SayAsync(h, Admin, "/promo new spring 100 500 30");
        Assert.StartsWith("✅ Promo code SPRING created: 100 tokens, up to 500 uses, valid until ", created, StringComparison.Ordinal);
        Assert.EndsWith("\nLink: https://t.me/elumenta_sandbox_bot?start=promo-SPRING", created, StringComparison.Ordinal);
        Assert.Equal("A promo code SPRING already exists (codes ignore case). Choose another code; nothing was created.", await SayAsync(h, Admin, "/promo new Spring 5 5 5"));
        Assert.StartsWith("🎁 Promo code SPRING redeemed", await SayAsync(h, User, "/promo spring"), StringComparison.Ordinal);
        Assert.StartsWith("🎟 Promo codes (newest first):\nSPRING — 100 tokens, 499 of 500 uses left, valid until ", await SayAsync(h, Admin, "/promo list"), StringComparison.Ordinal);
        Assert.Equal("⛔ Promo code SPRING ended; it can no longer be redeemed.", await SayAsync(h, Admin, "/promo end spring"));
        Assert.Equal("There is no active promo code SPRING; nothing was changed.", await SayAsync(h, Admin, "/promo end SPRING"));
        Assert.Contains("SPRING — 100 tokens, 499 of 500 uses left, ended ", await SayAsync(h, Admin, "/promo list"), StringComparison.Ordinal);
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM promo_codes"));
    }

    [Fact]
    public async Task Users_redeem_once_by_command_or_start_link_and_every_refusal_says_why_and_changes_nothing()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await SayAsync(h, Admin, "/promo new WELCOME 100 2 30");
        await SayAsync(h, Admin, "/promo new SHORT 10 5 1");
        await SayAsync(h, Admin, "/promo new OVER 10 5 30");
        await SayAsync(h, Admin, "/promo end OVER");

        Assert.StartsWith("🎟 Promo codes\nSend /promo CODE", await SayAsync(h, User, "/promo"), StringComparison.Ordinal);
        Assert.Equal("🎁 Promo code WELCOME redeemed: 100 tokens added to your bonus tokens. Balance: 150 tokens.", await SayAsync(h, User, "/promo welcome"));
        Assert.Equal("You have already redeemed the promo code WELCOME; each code works once per account.", await SayAsync(h, User, "/start promo-WELCOME"));
        Assert.Equal("There is no promo code NOPE. Check the spelling and try again; nothing was changed.", await SayAsync(h, User, "/promo nope"));
        Assert.Equal("The promo code OVER is no longer active; nothing was changed.", await SayAsync(h, User, "/promo over"));

        // A start link works for a brand-new account too (the greeting comes first).
        await h.WaitHandledAsync(h.Fake.SendText(Other, "/start promo-welcome"));
        Assert.Equal("🎁 Promo code WELCOME redeemed: 100 tokens added to your bonus tokens. Balance: 150 tokens.", h.Messages(Other)[^1].String("text"));
        Assert.Equal("The promo code WELCOME has already been used as many times as it allows; nothing was changed.", await SayAsync(h, 6003, "/promo WELCOME"));
        h.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal("The promo code SHORT has expired; nothing was changed.", await SayAsync(h, User, "/promo SHORT"));

        Assert.Equal(150, (await h.AccountAsync(User))!.BonusTokens);
        Assert.Equal(50, (await h.AccountAsync(6003))!.BonusTokens);
        Assert.Equal(2, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM ledger WHERE kind = 'promo'"));
    }

    [Fact]
    public async Task Fifty_users_racing_for_the_last_use_through_the_bot_credit_exactly_one()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await SayAsync(h, Admin, "/promo new LASTONE 500 1 30");
        var users = Enumerable.Range(0, 50).Select(i => 7000L + i).ToList();

        await h.WaitHandledAsync([.. users.Select(u => h.Fake.SendText(u, "/promo lastone"))]);

        var replies = users.Select(u => h.Messages(u)[^1].String("text")).ToList();
        Assert.Single(replies, r => r!.StartsWith("🎁 Promo code LASTONE redeemed: 500 tokens", StringComparison.Ordinal));
        Assert.Equal(49, replies.Count(r => r == "The promo code LASTONE has already been used as many times as it allows; nothing was changed."));
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM ledger WHERE kind = 'promo'"));
        Assert.Equal(50 * 50 + 500, await h.Bot.QueryAsync<long>("SELECT SUM(bonus_tokens) FROM accounts WHERE telegram_user_id BETWEEN 7000 AND 7049"));
    }

    [Fact]
    public async Task A_retried_redemption_resends_its_reply_and_credits_once()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await SayAsync(h, Admin, "/promo new RETRY 40 10 30");
        await SayAsync(h, User, "/start");
        var account = (await h.AccountAsync(User))!;
        var redeemer = h.Get<PromoRedeemer>();

        var first = await redeemer.RedeemAsync("update:777", account, "retry", CancellationToken.None);
        var again = await redeemer.RedeemAsync("update:777", account, "retry", CancellationToken.None);

        Assert.Equal("🎁 Promo code RETRY redeemed: 40 tokens added to your bonus tokens. Balance: 90 tokens.", first);
        Assert.Equal(first, again);
        Assert.Equal(90, (await h.AccountAsync(User))!.BonusTokens);
    }

    [Fact]
    public async Task Russian_users_get_russian_texts_and_help_and_the_menu_list_invite_and_promo()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);

        await h.WaitHandledAsync(h.Fake.SendText(User, "/promo NOPE", languageCode: "ru"));
        Assert.Equal("Промокода NOPE нет. Проверьте написание и попробуйте ещё раз; ничего не изменилось.", h.Messages(User)[^1].String("text"));
        await h.WaitHandledAsync(h.Fake.SendText(User, "/help", languageCode: "ru"));
        var help = string.Join("\n", h.Messages(User).Skip(1).Select(m => m.String("text")));
        Assert.Contains("/invite — ваша ссылка-приглашение", help, StringComparison.Ordinal);
        Assert.Contains("/promo КОД — активировать промокод", help, StringComparison.Ordinal);
        Assert.Contains("invite", ElumentaBot.Onboarding.BotCommandsPublisher.Public);
        Assert.Contains("promo", ElumentaBot.Onboarding.BotCommandsPublisher.Public);
    }

    private static async Task<string> SayAsync(PaymentHarness h, long user, string text)
    {
        await h.WaitHandledAsync(h.Fake.SendText(user, text));
        return h.Messages(user)[^1].String("text")!;
    }
}
