using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using ElumentaBot.Chat.Delivery;
using ElumentaBot.Ui;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Chat.Sessions;

/// <summary>
/// Text answers left pending by a crash can never finish (their stream died with the process): release them and tell
/// each chat, with Retry. At start with one bot process; with several, for any bot instance that died (see
/// <see cref="Orphans"/>). Async jobs are the job poller's; other processes' (API) requests are theirs.
/// </summary>
public sealed class ChatRecovery(
    GenerationStore generations,
    Orphans orphans,
    AccountService accounts,
    RefusalRenderer refusals,
    AnswerDelivery delivery,
    ILogger<ChatRecovery> logger)
{
    public async Task<int> ReleaseInterruptedAsync(CancellationToken ct)
    {
        var open = await orphans.OpenAsync(asyncOnly: false, "bot", ct);
        var released = 0;
        foreach (var generation in open.Where(g => !g.IsAsync && g.Category == nameof(ModelCategory.Text)))
        {
            if (!await generations.FailAsync(generation.Id, "interrupted", "The bot restarted while answering.", ct: ct))
            {
                continue;
            }

            released++;
            logger.LogWarning("Released interrupted chat generation {GenerationId} of chat {ChatId}", generation.Id, generation.ChatId);
            if (generation.ChatId is { } chatId)
            {
                await NotifyAsync(generation, chatId, ct);
            }
        }

        return released;
    }

    private async Task NotifyAsync(Generation generation, long chatId, CancellationToken ct)
    {
        try
        {
            var language = (await accounts.FindAsync(generation.AccountId, ct))?.Language ?? Languages.English;
            var refusal = refusals.Failure("interrupted", language, generation.Id);
            // The dead instance's "Thinking…" (or partly streamed) message becomes the notice, as in a live failure.
            await delivery.SendAsync(new ChatTarget(chatId, chatId > 0), refusal.Text, ParseMode.None,
                generation.LiveMessageId is { } live ? (int)live : null, reply: false, ct, refusal.Keyboard);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException)
        {
            logger.LogInformation(ex, "Could not tell chat {ChatId} about interrupted generation {GenerationId}", chatId, generation.Id);
        }
    }
}
