namespace ElumentaBot.Tests.Onboarding;

public sealed class SettingsTests
{
    [Fact]
    public async Task Image_size_choices_show_their_price_and_a_choice_persists_and_re_renders_in_place()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(81, "/start");
        await bot.TapAsync(81, "m:s:dall-e-3");

        var home = Assert.Single(await bot.SendAsync(81, "/settings"));
        Assert.Contains("🎨 Images (DALL·E 3): Size: 1024x1024, Quality: standard", home.Text(), StringComparison.Ordinal);
        Assert.Equal("Size: 1024x1024", home.Button("set:o:is").Text);
        Assert.Equal("Duration: 5 s", home.Button("set:o:vd").Text);

        var (_, shown) = await bot.TapAsync(81, "set:o:is", messageId: 700);
        var choices = Assert.Single(shown);
        Assert.Equal(700, choices.Long("message_id"));
        Assert.Equal(["✅ 1024x1024 — 5 tokens", "1024x1792 — 9 tokens", "1792x1024 — 9 tokens", "◀ Back"], choices.Buttons().Select(b => b.Text));

        var (answer, edited) = await bot.TapAsync(81, "set:v:is:1792x1024", messageId: 700);
        Assert.Equal("✅ Saved", answer.String("text"));
        Assert.Equal("Size: 1792x1024", Assert.Single(edited).Button("set:o:is").Text);
        Assert.Equal("1792x1024", (await bot.SettingsAsync(81)).ImageSize);

        (_, shown) = await bot.TapAsync(81, "set:o:iq");
        Assert.Equal(["✅ standard — 9 tokens", "hd — 13 tokens", "◀ Back"], shown[0].Buttons().Select(b => b.Text));
    }

    [Fact]
    public async Task Notifications_toggle_and_values_with_a_colon_persist()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(82, "/start");

        var (answer, shown) = await bot.TapAsync(82, "set:n");
        Assert.Equal("🔕 Notifications are off", answer.String("text"));
        Assert.Equal("🔕 Notifications: off", shown[0].Button("set:n").Text);
        Assert.False((await bot.AccountAsync(82)).NotificationsEnabled);

        (_, shown) = await bot.TapAsync(82, "set:o:va");
        Assert.Equal(["16:9", "9:16", "1:1", "◀ Back"], shown[0].Buttons().Select(b => b.Text));
        await bot.TapAsync(82, "set:v:va:9:16");
        Assert.Equal("9:16", (await bot.SettingsAsync(82)).VideoAspectRatio);
    }

    [Theory]
    [InlineData("set:v:is:9999x9999")]
    [InlineData("set:o:is")]
    [InlineData("set:v:zz:1")]
    [InlineData("set:")]
    public async Task A_value_the_selected_model_does_not_take_is_refused_politely_and_the_current_settings_are_shown(string data)
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(83, "/start");

        // The default image model (Photon Flash) has no size at all.
        var (answer, shown) = await bot.TapAsync(83, data);

        Assert.Equal("This option is out of date; here are your current settings.", answer.String("text"));
        Assert.StartsWith("⚙️ Settings", Assert.Single(shown).Text(), StringComparison.Ordinal);
        Assert.Null((await bot.SettingsAsync(83)).ImageSize);
        bot.AssertNoErrors();
    }

    [Fact]
    public async Task Lang_switches_every_later_message_and_re_sends_the_keyboard_in_the_new_language()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(84, "/start");

        var chooser = Assert.Single(await bot.SendAsync(84, "/lang"));
        Assert.Equal(["lang:ru", "lang:en"], chooser.Buttons().Select(b => b.Data));

        var (_, shown) = await bot.TapAsync(84, "lang:ru", expected: 2, messageId: 800);
        // The language is switched (and the keyboard re-sent) before the chooser is replaced: the change never waits on a notice.
        Assert.Equal(("editMessageText", "✅ Язык: русский"), (shown[1].Method, shown[1].Text()));
        Assert.Equal("💬 Чат", shown[0].KeyboardLabels()[0]);
        Assert.Equal(7, shown[0].KeyboardLabels().Count);

        // Telegram still says "en"; the explicit choice wins.
        var help = await bot.SendAsync(84, "/help", language: "en");
        Assert.StartsWith("Как работает Elumenta", help[0].Text(), StringComparison.Ordinal);
        Assert.Equal("ru", (await bot.AccountAsync(84)).Language);

        shown = await bot.SendAsync(84, "/lang en", language: "en");
        Assert.Equal("💬 Chat", Assert.Single(shown).KeyboardLabels()[0]);
    }

    [Fact]
    public async Task The_settings_language_button_switches_and_re_renders_the_settings_in_the_new_language()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(85, "/start");

        var (_, shown) = await bot.TapAsync(85, "set:lang", expected: 2);

        Assert.Equal("💬 Чат", shown[0].KeyboardLabels()[0]);
        Assert.StartsWith("⚙️ Настройки", shown[1].Text(), StringComparison.Ordinal);
        Assert.Equal("🌐 Русский", shown[1].Button("set:lang").Text);
    }
}
