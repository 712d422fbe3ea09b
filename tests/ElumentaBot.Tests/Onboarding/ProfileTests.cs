using Elumenta.Core.Billing;
using Elumenta.Core.Generations;
using ElumentaBot.Localization;
using ElumentaBot.Profile;
using ElumentaBot.Ui;

namespace ElumentaBot.Tests.Onboarding;

public sealed class ProfileTests
{
    [Theory]
    [InlineData("ru", "🎨 Изображения", BotMode.Image, "Luma Photon Flash — 1 токен", "m:c:image")]
    [InlineData("en", "🎬 Video", BotMode.Video, "Luma Ray2 Flash — 15 tokens with your settings (15–93 tokens)", "m:c:video")]
    [InlineData("en", "🎵 Audio", BotMode.Audio, "MiniMax Speech 02 HD — 1 token", "m:c:tts")]
    [InlineData("ru", "🧰 Tools", BotMode.Tools, "Upscale — 1 токен", "m:c:tools")]
    public async Task A_mode_tap_in_either_language_sets_the_mode_and_explains_it_with_model_and_price(string language, string tap, BotMode mode, string modelLine, string change)
    {
        await using var bot = await OnboardingBot.StartAsync();

        var reply = Assert.Single(await bot.SendAsync(71, tap, language: language));

        Assert.Equal(mode, (await bot.SettingsAsync(71)).Mode);
        Assert.Contains(modelLine, reply.Text().Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Equal(change, reply.Buttons()[0].Data);
    }

    [Fact]
    public async Task The_plans_tap_opens_the_plans_and_profile_shows_the_balance()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(72, "/start");

        var plans = Assert.Single(await bot.SendAsync(72, "💎 Plans"));
        Assert.StartsWith("💎 Plans", plans.Text(), StringComparison.Ordinal);
        var profile = Assert.Single(await bot.SendAsync(72, "👤 Profile"));

        Assert.StartsWith("👤 Profile\n\nPlan: Starter (free)", profile.Text(), StringComparison.Ordinal);
        Assert.Contains("Bonus tokens: 50 tokens", profile.Text(), StringComparison.Ordinal);
        Assert.Contains("Requests left: 5 of 5 this hour, 20 of 20 today", profile.Text(), StringComparison.Ordinal);
        Assert.Equal(["pay:buy", "pay:plans", "set:h", "sup:open"], profile.Buttons().Select(b => b.Data));
        Assert.Equal(3, bot.MessagesTo(72).Count);
    }

    [Fact]
    public async Task Balance_shows_a_change_another_process_made_a_moment_ago()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(76, "/start");
        var account = await bot.AccountAsync(76);
        Assert.Contains("Bonus tokens: 50 tokens", Assert.Single(await bot.SendAsync(76, "/balance")).Text(), StringComparison.Ordinal);

        // The API process on the same file: its writes never pass through this process's store.
        await using (var api = new Elumenta.Core.Storage.SqliteStore(bot.Harness.Store.Describe()))
        {
            await api.WriteAsync((c, t) => Dapper.SqlMapper.ExecuteAsync(c,
                "INSERT INTO ledger (account_id, pool, amount, kind, created_at) VALUES (@Id, 'bonus', 100, 'admin_grant', 1)", new { account.Id }, t));
        }

        Assert.Contains("Bonus tokens: 150 tokens", Assert.Single(await bot.SendAsync(76, "/balance")).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mode_tap_keeps_a_preference_the_api_set_a_moment_before()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(77, "/start");
        var account = await bot.AccountAsync(77);
        await bot.SendAsync(77, "/terms");

        // PATCH /api/v2/user/settings in the API process, while this process still holds the account from /start.
        await using (var api = new Elumenta.Core.Storage.SqliteStore(bot.Harness.Store.Describe()))
        {
            await api.WriteAsync((c, t) => Dapper.SqlMapper.ExecuteAsync(c,
                "UPDATE accounts SET settings = json_set(settings, '$.image_format', 'png') WHERE id = @Id", new { account.Id }, t));
        }

        await bot.SendAsync(77, "🎨 Image");

        var settings = await bot.SettingsAsync(77);
        Assert.Equal(BotMode.Image, settings.Mode);
        Assert.Equal("png", settings.ImageFormat);
    }

    [Fact]
    public async Task Balance_shows_a_full_hour_and_when_the_next_request_frees()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(73, "/start");
        var account = await bot.AccountAsync(73);
        for (var i = 0; i < 5; i++)
        {
            Assert.IsType<AdmissionResult.Admitted>(await bot.Service<Admission>().AdmitAsync(new AdmissionRequest(account.Id, "gpt-5-nano")));
        }

        var reply = Assert.Single(await bot.SendAsync(73, "/balance"));

        var first = await bot.CountAsync("SELECT MIN(at) FROM rate_events");
        var next = bot.Service<Localizer>().Get("en", "balance.hour_full", ("at", DateTimeOffset.FromUnixTimeMilliseconds(first).AddHours(1)));
        Assert.Contains("Requests left: 0 of 5 this hour, 15 of 20 today", reply.Text(), StringComparison.Ordinal);
        Assert.Contains(next, reply.Text(), StringComparison.Ordinal);
        Assert.Contains("Bonus tokens: 50 tokens", reply.Text(), StringComparison.Ordinal); // gpt-5-nano counts but is free
    }

    [Fact]
    public async Task Balance_on_a_paid_plan_shows_its_end_and_its_tokens()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(74, "/start", language: "ru");
        var started = await bot.Service<BillingService>().StartCycleAsync((await bot.AccountAsync(74)).Id, new CycleStart("vip") { PaymentChargeId = "c1" });

        var reply = Assert.Single(await bot.SendAsync(74, "/balance", language: "ru"));

        var ends = bot.Service<Localizer>().Get("ru", "balance.plan_ends", ("plan", "VIP"), ("date", started.EndsAt));
        Assert.Contains(ends, reply.Text(), StringComparison.Ordinal);
        Assert.Contains("Токены тарифа: 1 500 токенов", reply.Text().Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Contains("100 из 100 в этот час", reply.Text(), StringComparison.Ordinal);
    }
}
