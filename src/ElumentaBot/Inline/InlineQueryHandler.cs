using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Chat.Handlers;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Telegram.Bot;
using Telegram.Bot.Types.InlineQueryResults;

namespace ElumentaBot.InlineMode;

/// <summary>
/// <c>@bot question</c>: one result, "Ask &lt;model&gt; · &lt;price&gt;", with a placeholder message and a button. It arrives
/// per keystroke, so it only reads: no admission, no charge. An empty query gets no result, only a hint button.
/// </summary>
public sealed class InlineQueryHandler(CurrentUser user, ModelCatalog catalog, InlineTexts inline, Localizer texts, BotIdentity identity)
{
    /// <summary>Short and personal: the result names this user's model and price, and a changed model shows within seconds.</summary>
    public const int CacheSeconds = 2;

    public const string ResultPrefix = "ask:";

    /// <summary>Opens the private chat from the empty-query hint.</summary>
    public const string HintStartParameter = "inline";

    public async Task AnswerAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Update.InlineQuery is not { } query)
        {
            return;
        }

        var language = user.Language;
        var question = query.Query.Trim();
        if (question.Length == 0)
        {
            await context.Bot.AnswerInlineQuery(query.Id, [], cacheTime: CacheSeconds, isPersonal: true,
                button: new InlineQueryResultsButton { Text = texts.Get(language, "inline.hint"), StartParameter = HintStartParameter },
                cancellationToken: ct);
            return;
        }

        var model = catalog.FindModel(ChatSettings.Of(user.Require()).SelectedModel(ModelCategory.Text, catalog))!;
        var me = await identity.GetAsync(ct);
        var article = new InlineQueryResultArticle(ResultPrefix + model.Slug, inline.Title(language, model),
            new InputTextMessageContent(inline.Placeholder(language, question, model)))
        {
            Description = question,
            ReplyMarkup = inline.OpenBot(language, me.Username ?? ""),
        };
        await context.Bot.AnswerInlineQuery(query.Id, [article], cacheTime: CacheSeconds, isPersonal: true, cancellationToken: ct);
    }
}
