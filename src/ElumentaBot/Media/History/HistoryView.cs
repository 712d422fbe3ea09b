using System.Text;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Storage;
using ElumentaBot.Localization;
using ElumentaBot.Media.Delivery;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;
using ElumentaBot.ModelPicker;

namespace ElumentaBot.Media.History;

/// <summary>
/// <c>/history</c>: the last 10 generations; a <c>hist:{id}</c> button re-sends a result by its Telegram file id,
/// free. The id in the callback is checked against the tapping account, so another user's id gets "not found".
/// </summary>
public sealed class HistoryView(GenerationStore generations, ModelCatalog catalog, MediaSender sender, ITelegramBotClient bot, Localizer texts)
{
    public async Task ShowAsync(MediaUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lang = user.Language;
        var recent = await generations.ListRecentAsync(user.AccountId, 10, ct);
        if (recent.Count == 0)
        {
            await bot.SendMessage(user.ChatId, texts.Get(lang, "media.history.empty"), cancellationToken: ct);
            return;
        }

        var text = new StringBuilder(texts.Get(lang, "media.history.title"));
        var buttons = new List<InlineKeyboardButton>();
        for (var i = 0; i < recent.Count; i++)
        {
            var g = recent[i];
            var name = catalog.FindModel(g.ModelSlug)?.Name ?? g.ModelSlug;
            text.Append('\n').Append(texts.Get(lang, "media.history.line",
                ("n", i + 1), ("model", name), ("status", texts.Get(lang, "media.history.status." + g.Status)),
                ("price", Price(lang, g)),
                ("date", UnixTime.FromMs(g.CreatedAt))));
            if (CanResend(g))
            {
                buttons.Add(Screen.Button($"↩ {i + 1}. {name}", $"hist:{g.Id}"));
            }
        }

        await bot.SendMessage(user.ChatId, text.ToString(),
            replyMarkup: buttons.Count > 0 ? new InlineKeyboardMarkup([.. buttons.Chunk(2)]) : null, cancellationToken: ct);
    }

    public async Task ResendAsync(MediaUser user, long generationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var g = await generations.GetAsync(generationId, ct);
        if (g is null || g.AccountId != user.AccountId)
        {
            await bot.SendMessage(user.ChatId, texts.Get(user.Language, "media.history.not_found"), cancellationToken: ct);
            return;
        }

        if (!CanResend(g))
        {
            await bot.SendMessage(user.ChatId, texts.Get(user.Language, "media.history.unavailable"), cancellationToken: ct);
            return;
        }

        var kind = ResultKind.Of(g);
        if (kind == SendKind.Text)
        {
            await bot.SendMessage(user.ChatId, g.ResultText!, cancellationToken: ct);
            return;
        }

        var caption = texts.Get(user.Language, "media.history.caption", ("model", catalog.FindModel(g.ModelSlug)?.Name ?? g.ModelSlug));
        await sender.SendFileAsync(user.ChatId, InputFile.FromFileId(g.ResultFileId!), kind, caption, null, ct);
    }

    // A free request reads "free" whatever became of it; a paid one shows what it actually spent (0 when it failed).
    private string Price(string lang, Generation g) =>
        g.Price == 0 ? PriceText.Long(texts, lang, 0) : texts.Plural(lang, "tokens", g.Status == GenerationStatus.Completed ? g.TokensSpent : 0);

    private static bool CanResend(Generation g) =>
        g.Status == GenerationStatus.Completed && g.Category != nameof(ModelCategory.Text)
        && (g.ResultFileId is not null || (g.ResultUrl is null && !string.IsNullOrEmpty(g.ResultText)));
}
