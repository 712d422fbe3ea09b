using Elumenta.Providers;

namespace ElumentaBot.Chat.Conversations;

/// <summary>The turns a model sees: the newest that fit its context budget, oldest first.</summary>
public sealed record ConversationHistory(IReadOnlyList<ChatTurn> Turns, bool Trimmed)
{
    /// <summary>
    /// Keeps the newest turns whose text fits <paramref name="budgetChars"/>; the newest turn is always kept.
    /// Consecutive user turns (an earlier request that failed) are merged, as some providers require alternation;
    /// a turn repeating the one before it is not sent twice.
    /// </summary>
    /// <param name="newestFirst">Stored turns, the current user turn first.</param>
    /// <param name="images">Images attached to the current (newest) user turn.</param>
    /// <param name="imagePlaceholder">What an older photo turn reads as once its image is no longer sent.</param>
    public static ConversationHistory Build(IReadOnlyList<StoredMessage> newestFirst, int budgetChars, IReadOnlyList<MediaInput> images, string imagePlaceholder)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var kept = new List<StoredMessage>();
        var used = 0;
        var trimmed = false;
        foreach (var message in newestFirst)
        {
            var text = TextOf(message, imagePlaceholder, current: kept.Count == 0);
            if (text.Length == 0)
            {
                continue;
            }

            if (kept.Count > 0 && used + text.Length > budgetChars)
            {
                trimmed = true;
                break;
            }

            used += text.Length;
            kept.Add(message);
        }

        // A history must start with a user turn.
        while (kept.Count > 1 && kept[^1].Role != ConversationStore.User)
        {
            kept.RemoveAt(kept.Count - 1);
            trimmed = true;
        }

        kept.Reverse();
        var turns = new List<ChatTurn>();
        for (var i = 0; i < kept.Count; i++)
        {
            var message = kept[i];
            var isCurrent = i == kept.Count - 1;
            var text = TextOf(message, imagePlaceholder, isCurrent);
            var role = message.Role == ConversationStore.Assistant ? ChatRole.Assistant : ChatRole.User;
            if (turns.Count > 0 && turns[^1].Role == role)
            {
                // The same question again after its answer failed (Retry, a restart) is asked once, not twice.
                var previous = turns[^1];
                var repeated = previous.Text == text || previous.Text.EndsWith("\n\n" + text, StringComparison.Ordinal);
                turns[^1] = previous with
                {
                    Text = repeated ? previous.Text : previous.Text + "\n\n" + text,
                    Images = isCurrent ? images : previous.Images,
                };
                continue;
            }

            turns.Add(new ChatTurn(role, text, isCurrent && role == ChatRole.User ? images : null));
        }

        return new ConversationHistory(turns, trimmed);
    }

    private static string TextOf(StoredMessage message, string imagePlaceholder, bool current) =>
        message.MediaKind == "photo" && !current
            ? string.IsNullOrEmpty(message.Text) ? imagePlaceholder : imagePlaceholder + " " + message.Text
            : message.Text;
}
