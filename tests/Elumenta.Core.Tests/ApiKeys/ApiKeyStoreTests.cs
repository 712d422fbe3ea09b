using Dapper;
using Elumenta.Core.ApiKeys;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.ApiKeys;

public sealed class ApiKeyStoreTests
{
    [Fact]
    public void A_key_is_nb_and_45_url_safe_characters_and_keys_differ()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => ApiKeyStore.Generate()).ToList();

        Assert.All(keys, k => Assert.Matches("^nb_[A-Za-z0-9_-]{45}$", k));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task Create_stores_only_the_hash_and_verify_finds_the_key_by_it()
    {
        await using var core = await CoreHarness.StartAsync();
        var account = await core.NewAccountAsync();
        var store = new ApiKeyStore(core.Main.Store, core.Clock);

        var created = await store.CreateAsync(account.Id, "server");

        Assert.NotNull(created);
        var row = await core.Main.Store.ReadAsync(c => c.QuerySingleAsync<(string Prefix, string KeyHash)>("SELECT prefix, key_hash FROM api_keys"));
        Assert.Equal(created.Secret[..11], row.Prefix);
        Assert.Equal(ApiKeyStore.Hash(created.Secret), row.KeyHash);
        var everything = await core.Main.Store.ReadAsync(c => c.QuerySingleAsync<string>("SELECT name || prefix || key_hash FROM api_keys"));
        Assert.DoesNotContain(created.Secret, everything, StringComparison.Ordinal);

        var verified = await new ApiKeyStore(core.SecondProcess.Store, core.Clock).VerifyAsync(created.Secret);
        Assert.Equal(account.Id, verified?.AccountId);
        Assert.Equal(core.Clock.GetUtcNow().ToUnixTimeMilliseconds(), verified?.LastUsedAt);
        Assert.Null(await store.VerifyAsync(created.Secret[..^1] + (created.Secret[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(await store.VerifyAsync("nb_short"));
    }

    [Fact]
    public async Task Revoke_works_once_only_for_the_owner_and_the_key_stops_verifying()
    {
        await using var core = await CoreHarness.StartAsync();
        var owner = await core.NewAccountAsync(1);
        var other = await core.NewAccountAsync(2);
        var store = new ApiKeyStore(core.Main.Store, core.Clock);
        var created = (await store.CreateAsync(owner.Id, "ci"))!;

        Assert.False(await store.RevokeAsync(other.Id, created.Key.Id));
        Assert.NotNull(await store.VerifyAsync(created.Secret));
        Assert.True(await store.RevokeAsync(owner.Id, created.Key.Id));
        Assert.False(await store.RevokeAsync(owner.Id, created.Key.Id));
        Assert.Null(await store.VerifyAsync(created.Secret));
        Assert.Empty(await store.ListAsync(owner.Id));
    }

    [Fact]
    public async Task Verify_with_account_reads_both_fresh_so_the_other_process_revoking_or_banning_counts_at_once()
    {
        await using var core = await CoreHarness.StartAsync();
        var owner = await core.NewAccountAsync(1);
        var api = new ApiKeyStore(core.Main.Store, core.Clock);
        var bot = new ApiKeyStore(core.SecondProcess.Store, core.Clock);
        var created = (await bot.CreateAsync(owner.Id, "ci"))!;

        var verified = await api.VerifyWithAccountAsync(created.Secret);
        Assert.Equal(created.Key.Id, verified?.Key.Id);
        Assert.Equal(owner.Id, verified?.Account.Id);
        Assert.Equal(owner.TelegramUserId, verified?.Account.TelegramUserId);
        Assert.Equal(core.Clock.GetUtcNow().ToUnixTimeMilliseconds(), verified?.Key.LastUsedAt);
        Assert.Null(await api.VerifyWithAccountAsync("nb_short"));

        await core.SecondProcess.Store.WriteAsync((c, t) => c.ExecuteAsync("UPDATE accounts SET banned = 1 WHERE id = @Id", new { owner.Id }, t));
        Assert.True((await api.VerifyWithAccountAsync(created.Secret))?.Account.Banned);

        Assert.True(await bot.RevokeAsync(owner.Id, created.Key.Id));
        Assert.Null(await api.VerifyWithAccountAsync(created.Secret));
    }

    [Fact]
    public async Task An_account_has_at_most_ten_active_keys_and_lists_them_oldest_first()
    {
        await using var core = await CoreHarness.StartAsync();
        var account = await core.NewAccountAsync();
        var store = new ApiKeyStore(core.Main.Store, core.Clock);
        for (var i = 0; i < ApiKeyStore.MaxActiveKeys; i++)
        {
            Assert.NotNull(await store.CreateAsync(account.Id, $"k{i}"));
            core.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Null(await store.CreateAsync(account.Id, "one too many"));
        var keys = await store.ListAsync(account.Id);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"k{i}"), keys.Select(k => k.Name));
        await store.RevokeAsync(account.Id, keys[0].Id);
        Assert.NotNull(await store.CreateAsync(account.Id, "again"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(account.Id, "  "));
    }
}
