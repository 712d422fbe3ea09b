using Elumenta.Core.Accounts;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Accounts;

public sealed class AccountServiceTests
{
    [Fact]
    public async Task First_contact_creates_a_free_account_with_the_50_token_gift_once()
    {
        await using var h = await CoreHarness.StartAsync();
        var user = new TelegramUserInfo(42, "anna", "Anna", "ru");

        var first = await h.Main.Accounts.GetOrCreateAsync(user, startPayload: "ref_7");
        var again = await h.Main.Accounts.GetOrCreateAsync(user with { Username = "anna_new" });

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Account.Id, again.Account.Id);
        Assert.Equal("free", again.Account.Plan);
        Assert.Equal(50, again.Account.BonusTokens);
        Assert.Equal(0, again.Account.PlanTokens);
        Assert.Equal("anna_new", again.Account.Username);
        Assert.Equal("ref_7", again.Account.StartPayload);
        Assert.Equal([("signup_grant", "bonus", 50L)], await h.LedgerAsync(first.Account.Id));
        await h.AssertBooksBalanceAsync();
    }

    [Theory]
    [InlineData("ru", "ru")]
    [InlineData("uk", "ru")]
    [InlineData("be", "ru")]
    [InlineData("kk", "ru")]
    [InlineData("ru-RU", "ru")]
    [InlineData("en", "en")]
    [InlineData("de", "en")]
    [InlineData(null, "en")]
    public async Task Language_follows_telegram_until_the_user_picks_one(string? code, string expected)
    {
        await using var h = await CoreHarness.StartAsync();

        var created = (await h.Main.Accounts.GetOrCreateAsync(new TelegramUserInfo(7, null, "X", code))).Account;
        Assert.Equal(expected, created.Language);

        var other = expected == "ru" ? "en" : "ru";
        await h.Main.Accounts.SetLanguageAsync(created.Id, other);
        var after = (await h.Main.Accounts.GetOrCreateAsync(new TelegramUserInfo(7, null, "X", code))).Account;
        Assert.Equal(other, after.Language);
    }

    [Fact]
    public async Task Fifty_concurrent_first_updates_from_two_processes_make_one_account_and_one_gift()
    {
        await using var h = await CoreHarness.StartAsync();
        var user = new TelegramUserInfo(777, "racer", "Racer", "en");

        var sessions = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            (i % 2 == 0 ? h.Main : h.SecondProcess).Accounts.GetOrCreateAsync(user))));

        Assert.Single(sessions.Select(s => s.Account.Id).Distinct());
        Assert.Single(sessions, s => s.Created);
        var account = (await h.Main.Accounts.FindByTelegramIdAsync(777))!;
        Assert.Equal(50, account.BonusTokens);
        Assert.Single(await h.LedgerAsync(account.Id));
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task A_burst_of_new_users_on_two_processes_gets_each_one_account_and_one_gift_at_the_first_try()
    {
        await using var h = await CoreHarness.StartAsync();
        // Consecutive Telegram ids, as a campaign's new users arrive; each first update reaches both processes twice.
        var users = Enumerable.Range(0, 150).Select(i => new TelegramUserInfo(90_000 + i, null, "New", "ru")).ToArray();
        var retriesBefore = Retries(h);

        var sessions = await Task.WhenAll(users.SelectMany(u => Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            (i % 2 == 0 ? h.Main : h.SecondProcess).Accounts.GetOrCreateAsync(u)))));

        Assert.Equal(users.Length, sessions.Select(s => s.Account.Id).Distinct().Count());
        Assert.Equal(users.Length, sessions.Count(s => s.Created));
        foreach (var id in sessions.Where(s => s.Created).Select(s => s.Account.Id))
        {
            Assert.Equal([("signup_grant", "bonus", 50L)], await h.LedgerAsync(id));
        }

        // On PostgreSQL no creation had to be re-run: under serializable isolation most of them were (and a few ran
        // out of attempts, so the user's update failed).
        Assert.Equal(retriesBefore, Retries(h));
        await h.AssertBooksBalanceAsync();
    }

    private static long Retries(CoreHarness h) =>
        (h.Main.Store as Elumenta.Core.Storage.PostgresStore)?.Retries + (h.SecondProcess.Store as Elumenta.Core.Storage.PostgresStore)?.Retries ?? 0;

    [Fact]
    public async Task A_user_who_blocked_the_bot_is_reachable_again_when_they_write_and_gets_no_second_gift()
    {
        await using var h = await CoreHarness.StartAsync();
        var user = new TelegramUserInfo(55, "b", "B", "en");
        var account = (await h.Main.Accounts.GetOrCreateAsync(user)).Account;

        await h.Main.Accounts.MarkUnreachableAsync(55);
        Assert.True((await h.ReloadAsync(account)).BlockedByUser);

        var back = await h.Main.Accounts.GetOrCreateAsync(user);
        Assert.False(back.Created);
        Assert.False(back.Account.BlockedByUser);
        Assert.Equal(50, back.Account.BonusTokens);
        Assert.Single(await h.LedgerAsync(account.Id));
    }

    [Fact]
    public async Task Username_lookup_ignores_case_and_the_at_sign()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = (await h.Main.Accounts.GetOrCreateAsync(new TelegramUserInfo(9, "MaxPower", "Max", "en"))).Account;

        Assert.Equal(account.Id, (await h.Main.Accounts.FindByUsernameAsync("@maxpower"))?.Id);
        Assert.Null(await h.Main.Accounts.FindByUsernameAsync("nobody"));
    }
}
