using System.Text.Json.Nodes;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Chat;
using ElumentaBot.Tests.Transport;

namespace ElumentaBot.Tests.Inline;

/// <summary>What a user does in inline mode, through the fake Bot API: type a query, pick the result, watch the message.</summary>
internal static class InlineFlow
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>Types <c>@bot question</c> and waits for the bot's answerInlineQuery; returns the query id and the offered results.</summary>
    public static async Task<(string QueryId, JsonArray Results, FakeCall Answer)> TypeAsync(this ChatHarness chat, long userId, string query, string language = "en")
    {
        var id = chat.Fake.SendInlineQuery(userId, query, language);
        FakeCall? answer = null;
        await BotHarness.WaitUntilAsync(() => (answer = chat.Fake.CallsTo("answerInlineQuery").FirstOrDefault(c => c.String("inline_query_id") == id)) is not null,
            Wait, "the inline query is answered");
        return (id, answer!.Parameters["results"] as JsonArray ?? [], answer);
    }

    /// <summary>Types the question and picks the one result; returns the chosen update id and the inline message id.</summary>
    public static async Task<(int UpdateId, string MessageId)> AskAsync(this ChatHarness chat, long userId, string question, string language = "en")
    {
        var (queryId, _, _) = await chat.TypeAsync(userId, question, language);
        var (updateId, messageId) = chat.Fake.ChooseInlineResult(userId, queryId, question, languageCode: language);
        return (updateId, messageId!);
    }

    /// <summary>Waits until the inline message's text is no longer the placeholder and matches <paramref name="done"/>.</summary>
    public static async Task<FakeInlineMessage> WaitMessageAsync(this ChatHarness chat, string messageId, Func<FakeInlineMessage, bool> done)
    {
        FakeInlineMessage? message = null;
        await BotHarness.WaitUntilAsync(() => (message = chat.Fake.InlineMessage(messageId)) is { } m && done(m), Wait, "the inline message reaches its final text");
        return message!;
    }

    public static Task WaitHandledAsync(this ChatHarness chat, params int[] updateIds) =>
        BotHarness.WaitUntilAsync(async () => await chat.Bot.QueryAsync<long>(
            "SELECT COUNT(*) FROM update_inbox WHERE status IN ('done', 'failed') AND update_id IN @updateIds", new { updateIds }) == updateIds.Length,
            Wait, "the updates are handled");

    public static IReadOnlyList<string?> UrlButtons(this FakeInlineMessage message) =>
        (message.ReplyMarkup?["inline_keyboard"] as JsonArray ?? []).OfType<JsonArray>().SelectMany(r => r.OfType<JsonObject>())
            .Select(b => b["url"]?.ToString()).ToList();

    public static Task<long> GenerationCountAsync(this ChatHarness chat) => chat.Bot.QueryAsync<long>("SELECT COUNT(*) FROM generations");
}
