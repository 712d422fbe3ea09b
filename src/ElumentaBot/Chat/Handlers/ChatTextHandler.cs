using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Transport;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Chat.Handlers;

/// <summary>Plain text in Chat mode goes to the selected text model (commands and menu buttons have their own routes).</summary>
public sealed class ChatTextHandler(CurrentUser user, ModelCatalog catalog, ChatReplies replies)
{
    public async Task TextAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        // "/hello" typed without a bot_command entity (Telegram marks only Latin commands), but the user meant a command: never charge it as a prompt.
        if (context.Message is not { Text: { } text } message || text.StartsWith('/'))
        {
            return;
        }

        var prompt = WithoutBotMention(text, message.Entities);
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return;
        }

        var account = user.Require();
        var job = new ChatJob(message.Chat.Id, message.Chat.IsPrivate(), account.Id, user.Language,
            ChatSettings.Of(account).SelectedModel(ModelCategory.Text, catalog), new ChatInput.Text(prompt))
        {
            UpdateId = context.UpdateId, Completion = context.Completion, ReplyToMessageId = message.Id, MessageThreadId = message.MessageThreadId,
        };
        await replies.EnqueueAsync(context.Bot, job, ct);
    }

    /// <summary>"@ElumentaBot explain X" in a group is "explain X" (bot usernames always end in "bot").</summary>
    internal static string WithoutBotMention(string? original, MessageEntity[]? entities)
    {
        var text = original ?? "";
        foreach (var mention in (entities ?? []).Where(e => e.Type == MessageEntityType.Mention).OrderByDescending(e => e.Offset))
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
