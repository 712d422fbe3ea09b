using System.Globalization;
using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using ElumentaBot.Accounts;
using ElumentaBot.Chat.Conversations;
using ElumentaBot.Ui;
using ElumentaBot.Chat.Sessions;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ElumentaBot.Chat.Handlers;

/// <summary>
/// <c>chat:sw:&lt;slug&gt;</c> switches to a vision model (an overwrite: repeating it changes nothing);
/// <c>chat:retry:&lt;generation&gt;</c> re-runs a failed answer (only the account that paid for it, only once: the
/// first tap claims its stored turn, and a retried update finds its job admitted). Answered at once, as Telegram expects.
/// </summary>
public sealed class ChatCallbackHandler(
    CurrentUser user,
    ModelCatalog catalog,
    AccountService accounts,
    GenerationStore generations,
    ConversationStore conversations,
    ChatSessions sessions,
    ChatReplies replies,
    Localizer texts,
    ILogger<ChatCallbackHandler> logger)
{
    public async Task HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Callback is not { Data: { } data } query)
        {
            return;
        }

        var account = user.Require();
        if (data.StartsWith(ChatMediaHandler.SwitchPrefix, StringComparison.Ordinal))
        {
            await SwitchAsync(context, query, account, data[ChatMediaHandler.SwitchPrefix.Length..], ct);
        }
        else if (data.StartsWith(RefusalCallbacks.RetryPrefix, StringComparison.Ordinal)
            && long.TryParse(data.AsSpan(RefusalCallbacks.RetryPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var generationId))
        {
            await RetryAsync(context, query, account, generationId, ct);
        }
        else
        {
            await context.Bot.AnswerCallbackQuery(query.Id, cancellationToken: ct);
        }
    }

    private async Task SwitchAsync(UpdateContext context, CallbackQuery query, Account account, string slug, CancellationToken ct)
    {
        if (catalog.FindModel(slug) is not { Category: ModelCategory.Text } model || !model.Has(ModelCapabilities.Vision))
        {
            await context.Bot.AnswerCallbackQuery(query.Id, texts.Get(user.Language, "chat.switch_invalid"), showAlert: true, cancellationToken: ct);
            return;
        }

        await accounts.ChangeSettingsAsync(account.Id, account.Settings, ChatSettings.Of(account).WithModel(ModelCategory.Text, model.Slug).ToJson(), ct);
        var text = texts.Get(user.Language, "chat.switched", ("model", model.Name));
        await context.Bot.AnswerCallbackQuery(query.Id, text, cancellationToken: ct);
        if (query.Message is { } message && message.IsAccessible())
        {
            await context.Bot.SendMessage(message.Chat.Id, text, cancellationToken: ct);
        }
    }

    private async Task RetryAsync(UpdateContext context, CallbackQuery query, Account account, long generationId, CancellationToken ct)
    {
        // The first attempt claimed the turn and queued the job; only its answer to the tap may be missing.
        if (context.Attempt > 0 && sessions.WasAdmitted(context.UpdateId))
        {
            await AcknowledgeAsync(context, query, ct);
            return;
        }

        var generation = await generations.GetAsync(generationId, ct);
        var turn = generation is { Status: GenerationStatus.Failed or GenerationStatus.Canceled, ChatId: { } owner }
            && generation.AccountId == account.Id && generation.Category == nameof(ModelCategory.Text)
                ? await conversations.ClaimForRetryAsync(owner, generationId, ct)
                : null;
        if (turn is null || generation?.ChatId is not { } chatId)
        {
            await context.Bot.AnswerCallbackQuery(query.Id, texts.Get(user.Language, "chat.retry.gone"), showAlert: true, cancellationToken: ct);
            return;
        }

        var settings = ChatSettings.Of(account);
        var job = new ChatJob(chatId, chatId > 0, account.Id, user.Language, generation.ModelSlug,
            new ChatInput.Retry(generationId, turn, settings.SelectedModel(ModelCategory.Stt, catalog))) { UpdateId = context.UpdateId };
        if ((await replies.EnqueueAsync(context.Bot, job, ct)).Status == EnqueueStatus.Full)
        {
            // Not run (the user heard why): the Retry button stays usable.
            await conversations.UpdateTurnAsync(turn.Id, turn.Text, generationId, ct);
            await context.Bot.AnswerCallbackQuery(query.Id, cancellationToken: ct);
            return;
        }

        await AcknowledgeAsync(context, query, ct);
    }

    /// <summary>Best-effort: the job is queued whether or not Telegram hears about the tap.</summary>
    private async Task AcknowledgeAsync(UpdateContext context, CallbackQuery query, CancellationToken ct)
    {
        try
        {
            await context.Bot.AnswerCallbackQuery(query.Id, texts.Get(user.Language, "chat.retry.started"), cancellationToken: ct);
            if (query.Message is { } message && message.IsAccessible())
            {
                await context.Bot.EditMessageReplyMarkup(message.Chat.Id, message.Id, cancellationToken: ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not acknowledge Retry {QueryId}", query.Id);
        }
    }
}
