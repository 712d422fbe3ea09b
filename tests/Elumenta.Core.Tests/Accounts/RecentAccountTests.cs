using Elumenta.Core.Accounts;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Accounts;

/// <summary>
/// The per-update account lookup is served from memory for known senders; these prove it never serves what a
/// write has made stale: this process's writes apply to the very next lookup, another process's within 2 s.
/// </summary>
public sealed class RecentAccountTests
{
    private static readonly TelegramUserInfo Anna = new(42, "anna", "Anna", "ru");

    [Fact]
    public async Task A_ban_or_a_charge_written_by_this_process_shows_on_the_very_next_update()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = (await h.Main.Accounts.GetOrCreateAsync(Anna)).Account;
        await h.Main.Accounts.GetOrCreateAsync(Anna); // now remembered

        await h.Main.Accounts.SetBannedAsync(account.Id, true);
        Assert.True((await h.Main.Accounts.GetOrCreateAsync(Anna)).Account.Banned);

        await h.Main.Billing.AdminGrantAsync(account.Id, 7, adminId: 1);
        Assert.Equal(57, (await h.Main.Accounts.GetOrCreateAsync(Anna)).Account.BonusTokens);
    }

    [Fact]
    public async Task A_write_by_another_process_is_seen_within_two_seconds()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = (await h.Main.Accounts.GetOrCreateAsync(Anna)).Account;
        await h.Main.Accounts.GetOrCreateAsync(Anna);

        await h.SecondProcess.Accounts.SetBannedAsync(account.Id, true);
        h.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True((await h.Main.Accounts.GetOrCreateAsync(Anna)).Account.Banned);
    }

    [Fact]
    public async Task A_changed_name_is_stored_even_when_the_account_is_remembered()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.Main.Accounts.GetOrCreateAsync(Anna);
        await h.Main.Accounts.GetOrCreateAsync(Anna);

        var renamed = await h.Main.Accounts.GetOrCreateAsync(Anna with { Username = "anna_k" });

        Assert.Equal("anna_k", renamed.Account.Username);
        Assert.Equal("anna_k", (await h.SecondProcess.Accounts.FindAsync(renamed.Account.Id))!.Username);
    }

    [Fact]
    public async Task Lookups_racing_writes_never_keep_a_stale_account()
    {
        await using var h = await CoreHarness.StartAsync();
        var users = Enumerable.Range(1, 8).Select(i => new TelegramUserInfo(1000 + i, $"u{i}", "U", "en")).ToArray();
        var ids = new long[users.Length];
        for (var i = 0; i < users.Length; i++)
        {
            ids[i] = (await h.Main.Accounts.GetOrCreateAsync(users[i])).Account.Id;
        }

        for (var round = 1; round <= 30; round++)
        {
            var writes = ids.Select(id => h.Main.Billing.AdminGrantAsync(id, 1, adminId: 1));
            var reads = users.SelectMany(u => Enumerable.Range(0, 3).Select(_ => Task.Run(() => h.Main.Accounts.GetOrCreateAsync(u))));
            await Task.WhenAll(writes.Cast<Task>().Concat(reads));

            foreach (var user in users)
            {
                Assert.Equal(50 + round, (await h.Main.Accounts.GetOrCreateAsync(user)).Account.BonusTokens);
            }
        }
    }
}
