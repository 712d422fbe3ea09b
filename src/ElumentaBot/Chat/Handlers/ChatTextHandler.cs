using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Profile;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Chat.Handlers;

/// <summary>
/// Plain text in Chat mode goes to the selected text model (the last product handler: commands, menu buttons and
/// other modes belong to earlier handlers or the unknown-command fallback). Unaddressed group text never gets here.
/// </summary>
public sealed class ChatTextHandler(CurrentUser user, MainMenu menu, ModelCatalog catalog, ChatReplies replies)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { Text: { } text } message || context.Command is not null || text.StartsWith('/')
            || user.Account is not { } account || menu.Match(text) is not null)
        {
            return false;
        }

        var settings = ChatSettings.Of(account);
        var prompt = WithoutBotMention(text, message.Entities);
        if (settings.Mode != BotMode.Chat || string.IsNullOrWhiteSpace(prompt))
        {
            return false;
        }

        var job = new ChatJob(message.Chat.Id, message.Chat.IsPrivate(), account.Id, user.Language,
            settings.SelectedModel(ModelCategory.Text, catalog), new ChatInput.Text(prompt))
        {
            ReplyToMessageId = message.MessageId, MessageThreadId = message.MessageThreadId,
        };
        await replies.EnqueueAsync(context.Bot, job, ct);
        return true;
    }

    /// <summary>"@ElumentaBot explain X" in a group is "explain X" (bot usernames always end in "bot").</summary>
    internal static string WithoutBotMention(string? original, MessageEntity[]? entities)
    {
        var text = original ?? "";
        foreach (var mention in (entities ?? []).Where(e => e.Type == "mention").OrderByDescending(e => e.Offset))
        {
            if (mention.Offset + mention.Length <= text.Length
                && text.AsSpan(mention.Offset, mention.Length).EndsWith("bot", StringComparison.OrdinalIgnoreCase))
            {
                text = text.Remove(mention.Offset, mention.Length);
            }
        }

        return text.Trim();
    }
}
