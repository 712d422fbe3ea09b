using Elumenta.Core.Billing;
using Elumenta.Providers;
using ElumentaBot.Tests.Chat;
using ElumentaBot.Tests.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Inline;

public sealed class InlineLongAndRefusalTests
{
    [Fact]
    public async Task A_long_answer_is_cut_within_one_message_and_its_button_sends_the_full_text_to_its_owner_only()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(711);
        await chat.AccountAsync(712);
        var paragraphs = Enumerable.Range(1, 60).Select(i => $"Paragraph {i}: " + string.Concat(Enumerable.Repeat("lorem ipsum ", 10)).Trim()).ToList();
        var answer = string.Join("\n\n", paragraphs);
        Assert.True(answer.Length > 6000);
        chat.Model.ThenAnswer(answer, piece: 500);

        var (_, messageId) = await chat.AskAsync(711, "Write a lot");
        var final = await chat.WaitMessageAsync(messageId, m => m.ParseMode == "HTML");

        Assert.InRange(final.Text.Length, 3000, 4096);
        Assert.StartsWith("❓ Write a lot\n\nParagraph 1: lorem", final.Text, StringComparison.Ordinal);
        Assert.EndsWith("\n…", final.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(paragraphs[^1], final.Text, StringComparison.Ordinal);
        var url = Assert.Single(final.UrlButtons())!;
        Assert.Matches(@"^https://t\.me/elumenta_sandbox_bot\?start=answer-[A-Za-z0-9_-]{22}$", url);
        var payload = url[(url.IndexOf('=', StringComparison.Ordinal) + 1)..];
        Assert.InRange(payload.Length, 1, 64);

        chat.Fake.SendText(711, "/start " + payload);
        await BotHarness.WaitUntilAsync(() => chat.Sent(711).Count >= 2, TimeSpan.FromSeconds(20), "the full answer is sent in parts");
        await Task.Delay(300);
        var full = string.Join("\n\n", chat.Sent(711).Select(c => c.String("text")));
        Assert.Equal(answer, full);

        chat.Fake.SendText(712, "/start " + payload);
        var refused = await chat.WaitForMessageAsync(712, _ => true);
        Assert.StartsWith("This answer isn't available.", refused.String("text"), StringComparison.Ordinal);
        Assert.Equal(1, await chat.GenerationCountAsync());
    }

    [Fact]
    public async Task Not_enough_tokens_shows_in_the_placeholder_with_a_button_to_the_bot()
    {
        await using var chat = await ChatHarness.StartAsync();
        var id = await chat.AccountAsync(713, textModel: ChatHarness.OneTokenModel);
        await chat.Bot.Host.Services.GetRequiredService<BillingService>().AdminRevokeAsync(id, 50, adminId: 1);

        var (_, messageId) = await chat.AskAsync(713, "hi");
        var refusal = await chat.WaitMessageAsync(messageId, m => m.Edits > 0);

        Assert.Equal("❓ hi\n\nNot enough tokens: this request costs 1 token, your balance is 0 tokens.", refusal.Text);
        Assert.Equal(["https://t.me/elumenta_sandbox_bot"], refusal.UrlButtons());
        Assert.Equal(0, await chat.GenerationCountAsync());
        Assert.Empty(chat.Model.Requests);
    }

    [Fact]
    public async Task A_paid_model_on_the_free_plan_names_the_plans_in_russian()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(714, language: "ru", textModel: "claude-opus-4.5");

        var (_, messageId) = await chat.AskAsync(714, "привет", "ru");
        var refusal = await chat.WaitMessageAsync(messageId, m => m.Edits > 0);

        Assert.Equal("❓ привет\n\nМодель Claude Opus 4.5 доступна на платных тарифах: Basic, Pro, VIP, Elite.", refusal.Text);
        Assert.Equal(["https://t.me/elumenta_sandbox_bot"], refusal.UrlButtons());
        Assert.Equal(0, await chat.GenerationCountAsync());
    }

    [Fact]
    public async Task The_hourly_limit_counts_inline_answers_and_the_sixth_is_refused_in_the_placeholder()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(715);
        for (var i = 1; i <= 5; i++)
        {
            var (_, id) = await chat.AskAsync(715, $"q{i}");
            await chat.WaitMessageAsync(id, m => m.ParseMode == "HTML");
            await chat.WaitSettledAsync(715, i);
        }

        var (_, messageId) = await chat.AskAsync(715, "one too many");
        var refusal = await chat.WaitMessageAsync(messageId, m => m.Edits > 0);

        Assert.Matches(@"^❓ one too many\n\nYou've reached the Starter plan's limit of 5 requests per hour\. The next request will be possible in (59 min|1 h)\.$", refusal.Text);
        Assert.Equal(5, await chat.GenerationCountAsync());
    }

    [Fact]
    public async Task Concurrent_picks_at_the_last_free_slot_admit_exactly_one()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(716);
        for (var i = 1; i <= 4; i++)
        {
            var (_, id) = await chat.AskAsync(716, $"q{i}");
            await chat.WaitMessageAsync(id, m => m.ParseMode == "HTML");
        }

        var picks = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => chat.AskAsync(716, $"last {i}")));
        var messages = await Task.WhenAll(picks.Select(p => chat.WaitMessageAsync(p.MessageId, m => m.ParseMode == "HTML" || m.Text.Contains("limit", StringComparison.Ordinal))));

        Assert.Equal(1, messages.Count(m => m.ParseMode == "HTML"));
        Assert.Equal(2, messages.Count(m => m.Text.Contains("limit of 5 requests per hour", StringComparison.Ordinal)));
        Assert.Equal(5, await chat.GenerationCountAsync());
    }

    [Theory]
    [InlineData("en", "❓ q\n\n⚠️ The model is overloaded at the moment. No tokens were charged.")]
    [InlineData("ru", "❓ q\n\n⚠️ Модель сейчас перегружена. Токены не списаны.")]
    public async Task A_provider_failure_says_no_tokens_were_charged_and_the_balance_is_unchanged(string language, string expected)
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(717, language: language, textModel: ChatHarness.OneTokenModel);
        var before = await chat.BalanceAsync(717);
        chat.Model.ThenFail(new ProviderException(ProviderErrorKind.Overloaded, Elumenta.Core.Catalog.ProviderName.Google, "upstream said no"), before: "partial ");

        var (_, messageId) = await chat.AskAsync(717, "q", language);
        var failure = await chat.WaitMessageAsync(messageId, m => m.Text.Contains("⚠️", StringComparison.Ordinal));
        await chat.WaitSettledAsync(717, 1);

        Assert.Equal(expected, failure.Text);
        Assert.Equal(["https://t.me/elumenta_sandbox_bot"], failure.UrlButtons());
        Assert.Equal(before, await chat.BalanceAsync(717));
        Assert.Equal(0, await chat.RateEventsAsync(717));
        Assert.Equal(1, await chat.GenerationsAsync("failed"));
    }
}
