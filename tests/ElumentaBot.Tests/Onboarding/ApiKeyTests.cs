using System.Text.RegularExpressions;
using Elumenta.Core.ApiKeys;
using Elumenta.Core.Billing;

namespace ElumentaBot.Tests.Onboarding;

public sealed partial class ApiKeyTests
{
    [Fact]
    public async Task A_vip_creates_a_key_shown_once_with_only_its_hash_stored_then_revokes_it_after_confirming()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(101, "/start");
        await bot.Service<BillingService>().StartCycleAsync((await bot.AccountAsync(101)).Id, new CycleStart("vip") { PaymentChargeId = "c-101" });

        var list = Assert.Single(await bot.SendAsync(101, "/apikey"));
        Assert.Contains("You have no keys yet.", list.Text(), StringComparison.Ordinal);
        Assert.Equal("key:new", Assert.Single(list.Buttons()).Data);

        var (_, shown) = await bot.TapAsync(101, "key:new", expected: 2);
        Assert.Equal("HTML", shown[0].String("parse_mode"));
        var secret = KeyPattern().Match(shown[0].Text()).Value;
        Assert.Matches("^nb_[A-Za-z0-9_-]{45}$", secret);
        Assert.Contains("shown only once", shown[0].Text(), StringComparison.Ordinal);
        Assert.Contains(secret[..11], shown[1].Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, shown[1].Text(), StringComparison.Ordinal);

        Assert.Equal(1, await bot.CountAsync("SELECT COUNT(*) FROM api_keys"));
        Assert.Equal(1, await bot.CountAsync("SELECT COUNT(*) FROM api_keys WHERE key_hash = @hash", new { hash = ApiKeyStore.Hash(secret) }));
        Assert.Equal(0, await bot.CountAsync("SELECT COUNT(*) FROM api_keys WHERE instr(name || prefix || key_hash, @secret) > 0", new { secret }));
        Assert.NotNull(await bot.Service<ApiKeyStore>().VerifyAsync(secret));

        var revoke = shown[1].Buttons().Single(b => b.Data!.StartsWith("key:r:", StringComparison.Ordinal)).Data!;
        (_, shown) = await bot.TapAsync(101, revoke);
        Assert.Contains("Revoke the key", shown[0].Text(), StringComparison.Ordinal);
        var (answer, _) = await bot.TapAsync(101, shown[0].Buttons()[0].Data!);
        Assert.Equal("The key is revoked.", answer.String("text"));
        Assert.Null(await bot.Service<ApiKeyStore>().VerifyAsync(secret));

        (answer, _) = await bot.TapAsync(101, revoke);
        Assert.Equal("This key no longer exists. Here is the current list.", answer.String("text"));
        bot.AssertNoErrors();
    }

    [Fact]
    public async Task A_named_key_from_the_command_escapes_the_name_in_the_html_message()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(102, "/start");
        await bot.Service<BillingService>().StartCycleAsync((await bot.AccountAsync(102)).Id, new CycleStart("elite") { PaymentChargeId = "c-102" });

        var shown = await bot.SendAsync(102, "/apikey new <my> & server", expected: 2);

        Assert.Contains("<b>&lt;my&gt; &amp; server</b>", shown[0].Text(), StringComparison.Ordinal);
        Assert.Contains("<my> & server", shown[1].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Free_users_hear_that_keys_come_with_vip_and_elite_and_groups_never_see_keys()
    {
        await using var bot = await OnboardingBot.StartAsync();

        var refused = Assert.Single(await bot.SendAsync(103, "/apikey"));
        Assert.Contains("available on the VIP and Elite plans", refused.Text(), StringComparison.Ordinal);
        Assert.Equal("pay:plans", Assert.Single(refused.Buttons()).Data);
        var (_, shown) = await bot.TapAsync(103, "key:new");
        Assert.Contains("available on the VIP and Elite plans", shown[0].Text(), StringComparison.Ordinal);
        Assert.Equal(0, await bot.CountAsync("SELECT COUNT(*) FROM api_keys"));

        var group = Assert.Single(await bot.SendAsync(-100777, "/apikey", userId: 103));
        Assert.Equal("For your safety, API keys are managed only in a private chat with me.", group.Text());
    }

    [GeneratedRegex("nb_[A-Za-z0-9_-]+")]
    private static partial Regex KeyPattern();
}
