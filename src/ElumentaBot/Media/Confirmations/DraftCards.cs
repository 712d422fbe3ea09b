using Elumenta.Core.Catalog;
using ElumentaBot.Localization;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;
using ElumentaBot.ModelPicker;

namespace ElumentaBot.Media.Confirmations;

/// <summary>The messages a waiting draft shows: a question with priced choices, or the price with Confirm.</summary>
public sealed class DraftCards(ITelegramBotClient bot, Localizer texts, ModelCatalog catalog, ChoiceButtons choices)
{
    public async Task AskAsync(MediaUser user, long id, MediaDraft draft, Model model, int? editMessageId, CancellationToken ct)
    {
        var lang = user.Language;
        var (text, rows) = draft.Awaiting switch
        {
            Awaiting.StartFrame => (texts.Get(lang, "media.video.send_photo", ("model", model.Name)), []),
            Awaiting.SecondPhoto => (texts.Get(lang, model.Slug == "face-swap" ? "media.tools.send_face" : "media.tools.send_style"), []),
            Awaiting.Prompt => (texts.Get(lang, "media.tools.send_prompt"), []),
            Awaiting.Tool => (texts.Get(lang, "media.tools.choose"), choices.ImageTools(lang, id)),
            Awaiting.AudioTool => (texts.Get(lang, "media.audio.choose_tool"), choices.AudioTools(lang, id, draft)),
            Awaiting.Language => (texts.Get(lang, "media.audio.choose_language", ("price", PriceText.Long(texts, lang, Price(model, draft)))), choices.Languages(id)),
            Awaiting.Kind => (texts.Get(lang, "media.audio.choose_kind"), choices.AudioKinds(lang, id, user.Settings)),
            Awaiting.Switch => (SwitchText(lang, draft, model), choices.Switch(lang, id, draft)),
            _ => throw new InvalidOperationException($"Nothing to ask for {draft.Awaiting}."),
        };
        rows.Add([Screen.Button(texts.Get(lang, "media.button.cancel"), $"mx:{id}")]);
        await ShowAsync(user, text, new InlineKeyboardMarkup([.. rows]), editMessageId, draft.ReplyTo, ct);
    }

    public async Task ConfirmAsync(MediaUser user, long id, MediaDraft draft, Model model, int price, int? editMessageId, CancellationToken ct)
    {
        var lang = user.Language;
        var rows = draft.Awaiting == Awaiting.VideoOptions ? choices.VideoOptions(lang, id, draft, model) : [];
        rows.Add(
        [
            Screen.Button(texts.Get(lang, "media.button.confirm", ("price", PriceText.Long(texts, lang, price))), $"mc:{id}"),
            Screen.Button(texts.Get(lang, "media.button.cancel"), $"mx:{id}"),
        ]);
        var text = Summary(lang, draft, model, price) + "\n\n" + texts.Get(lang, "media.confirm.expires");
        await ShowAsync(user, text, new InlineKeyboardMarkup([.. rows]), editMessageId, draft.ReplyTo, ct);
    }

    public string Summary(string lang, MediaDraft draft, Model model, int price)
    {
        var options = draft.Options.Where(o => o.Key is not ("parent_job" or "source_minutes")).Select(o => $"{o.Key}: {o.Value}").ToList();
        return texts.Get(lang, "media.confirm.summary",
            ("model", model.Name),
            ("options", options.Count > 0 ? string.Join(", ", options) : "—"),
            ("price", PriceText.Long(texts, lang, price)));
    }

    public async Task ShowAsync(MediaUser user, string text, InlineKeyboardMarkup? markup, int? editMessageId, int? replyTo, CancellationToken ct)
    {
        if (editMessageId is { } messageId)
        {
            try
            {
                await bot.EditMessageText(user.ChatId, messageId, text, replyMarkup: markup, cancellationToken: ct);
                return;
            }
            catch (RequestException)
            {
                // Too old or deleted: the card is sent afresh.
            }
        }

        await bot.SendMessage(user.ChatId, text, replyMarkup: markup,
            replyParameters: replyTo is { } r ? new ReplyParameters { MessageId = r, AllowSendingWithoutReply = true } : null, cancellationToken: ct);
    }

    private string SwitchText(string lang, MediaDraft draft, Model model) => draft.Kind == MediaKind.Video
        ? texts.Get(lang, model.Provider == ProviderName.Luma ? "media.video.luma_no_photo" : "media.video.no_start_frame", ("model", model.Name))
        : texts.Get(lang, "media.image.no_image_input", ("model", model.Name));

    private static int Price(Model model, MediaDraft draft) =>
        Pricing.Quote(model, draft.Options) is PriceQuote.Priced p ? p.Price : model.MinPrice;

    internal Model? Find(string slug) => catalog.FindModel(slug);
}
