using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ElumentaBot.Chat.Handlers;

/// <summary>
/// Chat mode only (other modes route photos and voice to media): a photo (with its caption) goes to a vision model,
/// or the user hears which models can see images with buttons to switch; a voice message is transcribed and
/// answered as one request.
/// </summary>
public sealed class ChatMediaHandler(CurrentUser user, ModelCatalog catalog, ChatReplies replies, Localizer texts)
{
    public const string SwitchPrefix = "chat:sw:";

    public async Task PhotoAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { Photo: [_, ..] photos } message)
        {
            return;
        }

        var account = user.Require();
        var slug = ChatSettings.Of(account).SelectedModel(ModelCategory.Text, catalog);
        if (catalog.FindModel(slug) is { } model && !model.Has(ModelCapabilities.Vision))
        {
            await OfferVisionModelsAsync(context, message, model, account.Plan, ct);
            return;
        }

        var photo = photos.MaxBy(p => (long)p.Width * p.Height)!;
        var caption = ChatTextHandler.WithoutBotMention(message.Caption, message.CaptionEntities);
        await EnqueueAsync(context, message, slug, new ChatInput.Photo(photo.FileId, photo.FileSize, caption), ct);
    }

    public async Task VoiceAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { Voice: { } voice } message)
        {
            return;
        }

        var settings = ChatSettings.Of(user.Require());
        var input = new ChatInput.Voice(voice.FileId, voice.FileSize, voice.MimeType, settings.SelectedModel(ModelCategory.Stt, catalog));
        await EnqueueAsync(context, message, settings.SelectedModel(ModelCategory.Text, catalog), input, ct);
    }

    private async Task EnqueueAsync(UpdateContext context, Message message, string slug, ChatInput input, CancellationToken ct)
    {
        var job = new ChatJob(message.Chat.Id, message.Chat.IsPrivate(), user.Require().Id, user.Language, slug, input)
        {
            UpdateId = context.UpdateId, Completion = context.Completion, ReplyToMessageId = message.Id, MessageThreadId = message.MessageThreadId,
        };
        await replies.EnqueueAsync(context.Bot, job, ct);
    }

    private async Task OfferVisionModelsAsync(UpdateContext context, Message message, Model current, string planCode, CancellationToken ct)
    {
        var plan = catalog.PlanOrFree(planCode);
        var vision = catalog.InCategory(ModelCategory.Text).Where(m => m.Has(ModelCapabilities.Vision)).ToList();
        var buttons = Screen.Rows(vision
            .Select(m => Screen.Button((plan.CanUse(m) ? "" : "🔒 ") + m.Name, SwitchPrefix + m.Slug))
            .Chunk(2));
        var text = texts.Get(user.Language, "chat.no_vision", ("model", current.Name), ("models", string.Join(", ", vision.Select(m => m.Name))));
        await context.Bot.SendMessage(message.Chat.Id, text,
            replyParameters: new ReplyParameters { MessageId = message.Id, AllowSendingWithoutReply = true },
            replyMarkup: buttons, messageThreadId: message.MessageThreadId, cancellationToken: ct);
    }
}
