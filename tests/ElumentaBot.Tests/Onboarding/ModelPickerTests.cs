using System.Text;
using Elumenta.Core.Catalog;

namespace ElumentaBot.Tests.Onboarding;

public sealed class ModelPickerTests
{
    [Fact]
    public async Task Categories_then_models_with_prices_locks_and_the_selection_then_select_stores_and_edits_in_place()
    {
        await using var bot = await OnboardingBot.StartAsync();

        var home = Assert.Single(await bot.SendAsync(61, "/models"));
        Assert.Contains("Text: GPT-5 nano", home.Text(), StringComparison.Ordinal);
        Assert.Equal(8, home.Buttons().Count);
        Assert.Equal("m:c:image", home.Buttons()[1].Data);

        var (answer, shown) = await bot.TapAsync(61, "m:c:image", messageId: 900);
        Assert.Null(answer.String("text"));
        var list = Assert.Single(shown);
        Assert.Equal("editMessageText", list.Method);
        Assert.Equal(900, list.Long("message_id"));
        Assert.Contains("Selected: Luma Photon Flash — 1 token per request", list.Text(), StringComparison.Ordinal);
        Assert.Equal("✅ Luma Photon Flash · 1", list.Button("m:s:photon-flash").Text);
        Assert.Equal("DALL·E 3 · 5–13", list.Button("m:s:dall-e-3").Text);
        Assert.Equal("🔒 Midjourney · 2–35", list.Button("m:s:midjourney").Text);
        Assert.Equal("m:h", list.Buttons()[^1].Data);

        (answer, shown) = await bot.TapAsync(61, "m:s:dall-e-3", messageId: 900);
        Assert.Equal("✅ Selected: DALL·E 3", answer.String("text"));
        Assert.Equal("✅ DALL·E 3 · 5–13", Assert.Single(shown).Button("m:s:dall-e-3").Text);
        Assert.Equal("Luma Photon Flash · 1", shown[0].Button("m:s:photon-flash").Text);
        Assert.Equal("dall-e-3", (await bot.SettingsAsync(61)).Models["Image"]);
        bot.AssertNoErrors();
    }

    [Fact]
    public async Task A_locked_model_explains_which_plans_unlock_it_with_a_plans_button_and_changes_nothing()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(62, "/start", language: "ru");

        var (_, shown) = await bot.TapAsync(62, "m:s:gpt-5.2", language: "ru");

        var locked = Assert.Single(shown);
        Assert.Contains("GPT-5.2 не входит в ваш тариф Starter", locked.Text(), StringComparison.Ordinal);
        Assert.Contains("Basic, Pro, VIP, Elite", locked.Text(), StringComparison.Ordinal);
        Assert.Contains("500 ⭐", locked.Text(), StringComparison.Ordinal);
        Assert.Equal(["pay:plans", "m:c:text"], locked.Buttons().Select(b => b.Data));
        Assert.Empty((await bot.SettingsAsync(62)).Models);
    }

    [Theory]
    [InlineData("m:s:doesnotexist")]
    [InlineData("m:c:nope")]
    [InlineData("m:")]
    [InlineData("m:s:")]
    [InlineData("m:s:gpt-5-nano:extra")]
    [InlineData("m:\u0000\u00ff\ud83d\ude00garbage")]
    public async Task A_forged_or_stale_button_gets_a_polite_answer_and_never_an_error(string data)
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(63, "/start");

        var (answer, _) = await bot.TapAsync(63, data, expected: 0);

        Assert.False(string.IsNullOrWhiteSpace(answer.String("text")));
        Assert.Equal(200, answer.Status);
        await bot.SendAsync(63, "/balance");
        bot.AssertNoErrors();
    }

    [Fact]
    public async Task An_over_long_button_and_a_button_on_a_message_too_old_to_edit_still_lead_somewhere()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(64, "/start");

        var (answer, _) = await bot.TapAsync(64, "m:s:" + new string('x', 300), expected: 0);
        Assert.False(string.IsNullOrWhiteSpace(answer.String("text")));

        var (_, shown) = await bot.TapAsync(64, "m:c:text", accessible: false);
        Assert.Equal("sendMessage", Assert.Single(shown).Method);
        Assert.Contains("GPT-5 nano", shown[0].Text(), StringComparison.Ordinal);

        bot.Fake.Fail("editMessageText", 400, "Bad Request: message to edit not found");
        // The refused edit and the fresh message that replaces it.
        (_, shown) = await bot.TapAsync(64, "m:c:video", expected: 2);
        Assert.Equal("sendMessage", shown[^1].Method);
        Assert.Contains("Luma Ray2 Flash", shown[^1].Text(), StringComparison.Ordinal);
        bot.AssertNoErrors();
    }

    [Fact]
    public async Task Models_whose_provider_has_no_key_are_shown_unavailable_and_cannot_be_selected()
    {
        await using var bot = await OnboardingBot.StartAsync(new Dictionary<string, string?> { ["Providers:Mode"] = "", ["Providers:Luma:Simulated"] = "true" });
        await bot.SendAsync(65, "/start");

        var (_, shown) = await bot.TapAsync(65, "m:c:image");
        Assert.Equal("✅ Luma Photon Flash · 1", shown[0].Button("m:s:photon-flash").Text);
        Assert.Equal("⛔ DALL·E 3 · unavailable", shown[0].Button("m:s:dall-e-3").Text);

        var (answer, _) = await bot.TapAsync(65, "m:s:dall-e-3", expected: 0);
        Assert.Equal("DALL·E 3 is temporarily unavailable. Please choose another model.", answer.String("text"));
        Assert.True(answer.Parameters["show_alert"]!.GetValue<bool>());
        Assert.Empty((await bot.SettingsAsync(65)).Models);
    }

    [Fact]
    public async Task Every_button_of_every_screen_fits_64_bytes_across_the_catalog_plans_and_languages()
    {
        await using var bot = await OnboardingBot.StartAsync();
        var data = ScreenWalk.AllCallbackData(bot).ToList();

        Assert.True(data.Count > 500, $"only {data.Count} buttons were walked");
        Assert.All(data, d => Assert.InRange(Encoding.UTF8.GetByteCount(d), 1, 64));
        var catalog = bot.Service<ModelCatalog>();
        Assert.All(catalog.Models, m => Assert.Contains($"m:s:{m.Slug}", data));
    }
}
