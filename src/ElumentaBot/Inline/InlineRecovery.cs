using Dapper;
using Elumenta.Core.Generations;
using Elumenta.Core.Storage;
using ElumentaBot.Transport;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.InlineMode;

/// <summary>
/// After a crash, an inline answer that was streaming can never finish: it is released (by chat recovery or here,
/// whichever comes first; settlement happens once) and its message says so, once, instead of "thinking…" forever.
/// Only generations of a process that is gone (<see cref="Orphans"/>), and only of the last two days.
/// </summary>
public sealed partial class InlineRecovery(
    Store store, GenerationStore generations, Orphans orphans, InlineTexts texts, ITelegramBotClient bot, BotIdentity identity,
    TimeProvider time, ILogger<InlineRecovery> logger)
{
    // Properties, not a positional record: an empty result has no column types for the expressions, and Dapper's
    // constructor matching would then see BLOBs.
    private sealed class Interrupted
    {
        public long GenerationId { get; init; }

        public string Status { get; init; } = "";

        public string Question { get; init; } = "";

        public string InlineMessageId { get; init; } = "";

        public string Language { get; init; } = "en";
    }

    public async Task<int> TellInterruptedAsync(long startedAtMs, CancellationToken ct)
    {
        var rows = await store.ReadAsync(async c => (await c.QueryAsync<Interrupted>(new CommandDefinition(
            $"""
            SELECT g.id AS GenerationId, g.status AS Status, coalesce(g.prompt, '') AS Question,
                   substr(i.idempotency_key, 8) AS InlineMessageId, a.language AS Language
            FROM api_idempotency i
            JOIN generations g ON g.id = i.generation_id
            JOIN accounts a ON a.id = g.account_id
            WHERE i.idempotency_key LIKE 'inline:%' AND {orphans.Condition("g")} AND g.created_at > @since
              AND (g.status = 'pending' OR (g.status = 'failed' AND g.error_kind = 'interrupted'))
              AND NOT EXISTS (SELECT 1 FROM inline_notices n WHERE n.generation_id = g.id)
            """,
            new { startedAt = startedAtMs, aliveSince = orphans.AliveSince(), since = time.NowMs() - (long)TimeSpan.FromDays(2).TotalMilliseconds }, cancellationToken: ct))).ToList(), ct);
        var told = 0;
        foreach (var row in rows)
        {
            if (row.Status == "pending")
            {
                await generations.FailAsync(row.GenerationId, "interrupted", "The bot restarted while answering.", ct: ct);
            }

            if (await MarkAsync(row.GenerationId, ct))
            {
                await TellAsync(row, ct);
                told++;
            }
        }

        return told;
    }

    private Task<bool> MarkAsync(long generationId, CancellationToken ct) =>
        store.WriteAsync(async (c, t) => await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inline_notices (generation_id, created_at) VALUES (@generationId, @now) ON CONFLICT DO NOTHING",
            new { generationId, now = time.NowMs() }, t, cancellationToken: ct)) == 1, ct);

    private async Task TellAsync(Interrupted row, CancellationToken ct)
    {
        try
        {
            var username = (await identity.GetAsync(ct)).Username ?? "";
            await bot.EditMessageText(row.InlineMessageId, texts.Notice(row.Language, row.Question, texts.Stopped(row.Language)),
                parseMode: ParseMode.None, replyMarkup: texts.OpenBot(row.Language, username), cancellationToken: ct);
            LogTold(row.GenerationId);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException)
        {
            LogNotTold(ex, row.GenerationId);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Inline answer {GenerationId} was interrupted by a restart; its message now says no tokens were charged")]
    private partial void LogTold(long generationId);

    [LoggerMessage(LogLevel.Information, "Could not tell the inline message of interrupted generation {GenerationId}")]
    private partial void LogNotTold(Exception ex, long generationId);
}
