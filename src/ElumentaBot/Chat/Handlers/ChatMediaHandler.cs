using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Profile;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Chat.Handlers;

/// <summary>
/// Chat mode only: a photo (with its caption) goes to a vision model, or the user hears which models can see
/// images with buttons to switch; a voice message is transcribed and answered as one request.
/// </summary>
public sealed class ChatMediaHandler(CurrentUser user, ModelCatalog catalog, ChatReplies replies, Localizer texts)
{
    public const string SwitchPrefix = "chat:sw:";

    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message || (message.Photo is not { Length: > 0 } && message.Voice is null)
            || user.Account is not { } account || ChatSettings.Of(account) is not { Mode: BotMode.Chat } settings
            || !(message.Chat.IsPrivate() || IsAddressed(message)))
        {
            return false;
        }

        var slug = settings.SelectedModel(ModelCategory.Text, catalog);
        ChatInput input;
        if (message.Voice is { } voice)
        {
            input = new ChatInput.Voice(voice.FileId, voice.FileSize, voice.MimeType, settings.SelectedModel(ModelCategory.Stt, catalog));
        }
        else if (catalog.FindModel(slug) is { } model && !model.Has(ModelCapabilities.Vision))
        {
            await OfferVisionModelsAsync(context, message, model, account.Plan, ct);
            return true;
        }
        else
        {
            var photo = message.Photo!.MaxBy(p => (long)p.Width * p.Height)!;
            input = new ChatInput.Photo(photo.FileId, photo.FileSize, ChatTextHandler.WithoutBotMention(message.Caption, message.CaptionEntities));
        }

        var job = new ChatJob(message.Chat.Id, message.Chat.IsPrivate(), account.Id, user.Language, slug, input)
        {
            ReplyToMessageId = message.MessageId, MessageThreadId = message.MessageThreadId,
        };
        await replies.EnqueueAsync(context.Bot, job, ct);
        return true;
    }

    // Belt and braces beside the group filter: a photo nobody addressed to the bot must never be charged to its sender.
    private static bool IsAddressed(Message message) =>
        message.ReplyToMessage?.From?.IsBot == true
        || (message.CaptionEntities ?? []).Any(e => e.Type == "mention" && message.Caption is { } caption && e.Offset + e.Length <= caption.Length
            && caption.AsSpan(e.Offset, e.Length).EndsWith("bot", StringComparison.OrdinalIgnoreCase));

    private async Task OfferVisionModelsAsync(UpdateContext context, Message message, Model current, string planCode, CancellationToken ct)
    {
        var plan = catalog.PlanOrFree(planCode);
        var vision = catalog.InCategory(ModelCategory.Text).Where(m => m.Has(ModelCapabilities.Vision)).ToList();
        var buttons = vision
            .Select(m => InlineKeyboardButton.WithCallback((plan.CanUse(m) ? "" : "🔒 ") + m.Name, SwitchPrefix + m.Slug))
            .Chunk(2)
            .ToArray();
        var text = texts.Get(user.Language, "chat.no_vision", ("model", current.Name), ("models", string.Join(", ", vision.Select(m => m.Name))));
        await context.Bot.SendMessage(new SendMessageRequest
        {
            ChatId = message.Chat.Id,
            Text = text,
            MessageThreadId = message.MessageThreadId,
            ReplyMarkup = new InlineKeyboardMarkup(buttons),
            ReplyParameters = new ReplyParameters { MessageId = message.MessageId, AllowSendingWithoutReply = true },
        }, ct);
    }
}
