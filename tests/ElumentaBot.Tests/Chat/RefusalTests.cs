using Elumenta.Core.Billing;
using Elumenta.Providers;
using ElumentaBot.Ui;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Chat;

public sealed class RefusalTests
{
    [Fact]
    public async Task A_question_whose_admission_fails_in_the_store_is_told_so_and_charged_nothing()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(611, textModel: ChatHarness.OneTokenModel);
        var before = await chat.BalanceAsync(611);
        // The store refuses every new generation, as a database failing under load would.
        await chat.Bot.Store.WriteAsync((c, t) => Dapper.SqlMapper.ExecuteAsync(c,
            "CREATE TRIGGER sabotage BEFORE INSERT ON generations BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END", transaction: t));

        chat.Fake.SendText(611, "are you there?");
        var told = await chat.WaitForMessageAsync(611, m => m.String("text")!.StartsWith('⚠'));

        Assert.Equal("⚠️ Something went wrong while answering. No tokens were charged.", told.String("text"));
        Assert.Equal(before, await chat.BalanceAsync(611));
        Assert.Equal(0, await chat.GenerationsAsync("pending"));
        Assert.Empty(chat.Model.Requests);
    }

    [Fact]
    public async Task Not_enough_tokens_shows_price_and_balance_with_buy_and_plans_buttons()
    {
        await using var chat = await ChatHarness.StartAsync();
        var id = await chat.AccountAsync(401, textModel: ChatHarness.OneTokenModel);
        await chat.Bot.Host.Services.GetRequiredService<BillingService>().AdminRevokeAsync(id, 50, adminId: 1);

        chat.Fake.SendText(401, "hi");
        var refusal = await chat.WaitForMessageAsync(401, m => m.String("text")!.StartsWith("Not enough tokens", StringComparison.Ordinal));

        Assert.Equal("Not enough tokens: this request costs 1 token, your balance is 0 tokens.", refusal.String("text"));
        Assert.Equal(["pay:buy", "pay:plans"], Buttons(refusal));
        Assert.Equal(0, await chat.Bot.QueryAsync<long>("SELECT COUNT(*) FROM generations"));
        Assert.Empty(chat.Model.Requests);
    }

    [Fact]
    public async Task A_paid_model_on_the_free_plan_names_the_plans_in_russian()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(402, language: "ru", textModel: "claude-opus-4.5");

        chat.Fake.SendText(402, "привет", languageCode: "ru");
        var refusal = await chat.WaitForMessageAsync(402, m => m.String("text")!.Contains("платных тарифах", StringComparison.Ordinal));

        Assert.Equal("Модель Claude Opus 4.5 доступна на платных тарифах: Basic, Pro, VIP, Elite.", refusal.String("text"));
        Assert.Equal(["pay:plans"], Buttons(refusal));
    }

    [Fact]
    public async Task The_hourly_limit_names_the_window_the_limit_and_when_a_slot_frees()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(403);
        for (var i = 1; i <= 5; i++)
        {
            chat.Fake.SendText(403, $"q{i}");
            await chat.WaitSettledAsync(403, i);
        }

        chat.Fake.SendText(403, "one too many");
        var refusal = await chat.WaitForMessageAsync(403, m => m.String("text")!.Contains("limit", StringComparison.Ordinal));

        Assert.Matches(@"^You've reached the Starter plan's limit of 5 requests per hour\. The next request will be possible in (59 min|1 h)\.$", refusal.String("text"));
        Assert.Equal(["pay:plans"], Buttons(refusal));
    }

    [Theory]
    [InlineData(ProviderErrorKind.Overloaded, "⚠️ The model is overloaded at the moment. No tokens were charged.")]
    [InlineData(ProviderErrorKind.ContentPolicy, "🚫 The provider refused this request under its content policy. No tokens were charged.")]
    public async Task A_provider_failure_charges_nothing_and_retry_charges_once_on_success(ProviderErrorKind kind, string expected)
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(404, textModel: ChatHarness.OneTokenModel);
        var before = await chat.BalanceAsync(404);
        chat.Model.ThenFail(new ProviderException(kind, Elumenta.Core.Catalog.ProviderName.OpenAI, "upstream said no"), before: "partial ");

        chat.Fake.SendText(404, "question that fails once");
        var failure = await chat.WaitForMessageAsync(404, m => m.String("text") == expected);
        await chat.WaitSettledAsync(404, 1);
        Assert.Equal(before, await chat.BalanceAsync(404));
        Assert.Equal(0, await chat.RateEventsAsync(404));
        var generationId = await chat.Bot.QueryAsync<long>("SELECT id FROM generations");
        Assert.Equal([$"chat:retry:{generationId}", $"sup:gen:{generationId}"], Buttons(failure));

        chat.Fake.SendCallback(404, $"chat:retry:{generationId}", 1);
        await chat.WaitSettledAsync(404, 2);
        chat.Fake.SendCallback(404, $"chat:retry:{generationId}", 1);
        await Transport.BotHarness.WaitUntilAsync(() => chat.Fake.CallsTo("answerCallbackQuery").Count >= 2, TimeSpan.FromSeconds(10), "both taps are answered");

        Assert.Equal(before - 1, await chat.BalanceAsync(404));
        Assert.Equal(1, await chat.GenerationsAsync("completed"));
        Assert.Equal(2, chat.Model.Requests.Count);
        var retried = chat.Model.Requests.Last();
        Assert.Equal(["question that fails once"], retried.Turns.Select(t => t.Text));
        Assert.Contains(chat.Fake.CallsTo("answerCallbackQuery"), c => c.String("text")?.Contains("already retried", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Every_refusal_renders_with_its_buttons_in_both_languages()
    {
        await using var chat = await ChatHarness.StartAsync();
        var renderer = chat.Bot.Host.Services.GetRequiredService<RefusalRenderer>();
        var catalog = chat.Bot.Host.Services.GetRequiredService<Elumenta.Core.Catalog.ModelCatalog>();
        var opus = catalog.FindModel("claude-opus-4.5")!;
        var now = chat.Bot.Host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Elumenta.Core.Generations.AdmissionResult[] results =
        [
            new Elumenta.Core.Generations.AdmissionResult.InsufficientTokens(4, 3),
            new Elumenta.Core.Generations.AdmissionResult.LimitReached(Elumenta.Core.Limits.LimitWindow.Day, 20, now.AddMinutes(125), "free"),
            new Elumenta.Core.Generations.AdmissionResult.PlanRequired(opus, catalog.PlansUnlocking(opus)),
            new Elumenta.Core.Generations.AdmissionResult.TooManyJobs(2),
            new Elumenta.Core.Generations.AdmissionResult.InvalidRequest(Elumenta.Core.Generations.InvalidReason.PromptTooLong, Value: "13000", Limit: 12000),
        ];
        string[][] buttons = [["pay:buy", "pay:plans"], ["pay:plans"], ["pay:plans"], [], []];

        foreach (var language in new[] { "en", "ru" })
        {
            for (var i = 0; i < results.Length; i++)
            {
                var refusal = renderer.Render(results[i], language);
                Assert.False(string.IsNullOrWhiteSpace(refusal.Text));
                Assert.DoesNotContain("{", refusal.Text, StringComparison.Ordinal);
                Assert.Equal(buttons[i], refusal.Keyboard?.InlineKeyboard.SelectMany(r => r).Select(b => b.CallbackData!).ToArray() ?? []);
            }

            var failure = renderer.Render(new ProviderException(ProviderErrorKind.Timeout, Elumenta.Core.Catalog.ProviderName.Google, "slow"), language, 77);
            Assert.Equal(["chat:retry:77", "sup:gen:77"], failure.Keyboard!.InlineKeyboard.SelectMany(r => r).Select(b => b.CallbackData!));
        }

        Assert.Contains("in 2 h 5 min", renderer.Render(results[1], "en").Text, StringComparison.Ordinal);
        Assert.Contains("через 2 ч 5 мин", renderer.Render(results[1], "ru").Text, StringComparison.Ordinal);
        Assert.Contains("13", renderer.Render(results[4], "en").Text, StringComparison.Ordinal);
        Assert.Contains("No tokens were charged", renderer.Render(new ProviderException(ProviderErrorKind.Timeout, Elumenta.Core.Catalog.ProviderName.Google, "slow"), "en", 1).Text, StringComparison.Ordinal);
        Assert.Contains("Токены не списаны", renderer.Failure("timeout", "ru", 1).Text, StringComparison.Ordinal);
    }

    internal static string[] Buttons(Sandbox.FakeCall call) =>
        call.Parameters["reply_markup"]?["inline_keyboard"]?.AsArray().SelectMany(row => row!.AsArray()).Select(b => b!["callback_data"]!.ToString()).ToArray() ?? [];
}
