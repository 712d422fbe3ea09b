using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;

namespace ElumentaBot.Tests.Onboarding;

/// <summary>A price of 0 reads "free" / «бесплатно» wherever a price is shown, never "0 tokens".</summary>
public sealed class FreeModelDisplayTests
{
    [Theory]
    [InlineData("en", "Selected: GPT-5 nano — free.", "free", "1")]
    [InlineData("ru", "Выбрана: GPT-5 nano — бесплатно.", "бесплатно", "1")]
    public async Task The_text_model_list_shows_the_two_free_models_as_free(string language, string selected, string free, string paid)
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(81, "/models", language: language);

        var list = Assert.Single((await bot.TapAsync(81, "m:c:text", messageId: 900, language: language)).Messages);

        Assert.Contains(selected, list.Text(), StringComparison.Ordinal);
        Assert.Equal($"✅ GPT-5 nano · {free}", list.Button("m:s:gpt-5-nano").Text);
        Assert.Equal($"Claude Haiku 4.5 · {free}", list.Button("m:s:claude-haiku-4.5").Text);
        Assert.Equal($"Gemini 2.5 Flash · {paid}", list.Button("m:s:gemini-2.5-flash").Text);
        Assert.Equal("🔒 GPT-5 · 2", list.Button("m:s:gpt-5").Text);
        Assert.DoesNotContain(list.Buttons(), b => b.Text.EndsWith(" · 0", StringComparison.Ordinal));
        bot.AssertNoErrors();
    }

    [Theory]
    [InlineData("en", "💬 Chat", "GPT-5 nano — free")]
    [InlineData("ru", "💬 Чат", "GPT-5 nano — бесплатно")]
    public async Task The_chat_mode_names_its_free_model_as_free(string language, string tap, string line)
    {
        await using var bot = await OnboardingBot.StartAsync();

        var reply = Assert.Single(await bot.SendAsync(82, tap, language: language));

        Assert.Contains(line, reply.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "free within your plan's limits", "are free")]
    [InlineData("ru", "бесплатны в пределах лимитов тарифа", "бесплатны")]
    public async Task Start_and_help_say_which_models_are_free_within_the_plans_limits(string language, string inGreeting, string inHelp)
    {
        await using var bot = await OnboardingBot.StartAsync();
        var free = bot.Service<ModelCatalog>().Models.Where(m => Pricing.Range(m.Price) == (0, 0)).Select(m => m.Name).ToList();
        Assert.Equal(["GPT-5 nano", "Claude Haiku 4.5"], free);

        var greeting = Assert.Single(await bot.SendAsync(83, "/start", language: language)).Text();
        var help = Assert.Single(await bot.SendAsync(83, "/help", language: language)).Text();

        Assert.Contains(inGreeting, greeting, StringComparison.Ordinal);
        Assert.Contains(inHelp, help, StringComparison.Ordinal);
        Assert.All(free, name => Assert.Contains(name, greeting, StringComparison.Ordinal));
        Assert.All(free, name => Assert.Contains(name, help, StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_shows_a_free_request_as_free_and_a_failed_paid_one_as_not_charged()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(84, "/start");
        var account = await bot.AccountAsync(84);
        var admission = bot.Service<Admission>();
        var generations = bot.Service<GenerationStore>();
        var paid = (AdmissionResult.Admitted)await admission.AdmitAsync(new AdmissionRequest(account.Id, "gemini-2.5-flash") { Prompt = "p" });
        await generations.FailAsync(paid.GenerationId, "unavailable", null);
        var free = (AdmissionResult.Admitted)await admission.AdmitAsync(new AdmissionRequest(account.Id, "gpt-5-nano") { Prompt = "q" });
        await generations.CompleteAsync(free.GenerationId, new GenerationResult { Text = "a" });

        var history = Assert.Single(await bot.SendAsync(84, "/history")).Text();

        Assert.Contains("1. GPT-5 nano · done · free ·", history, StringComparison.Ordinal);
        Assert.Contains("2. Gemini 2.5 Flash · failed · 0 tokens ·", history, StringComparison.Ordinal);
    }
}
