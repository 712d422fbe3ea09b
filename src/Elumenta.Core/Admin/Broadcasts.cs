using System.Data.Common;
using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Admin;

/// <summary>A queued broadcast and how far it got.</summary>
/// <param name="LastAccount">The audience is fixed at the start: accounts up to this id (made later: not included).</param>
public sealed record Broadcast(long Id, long AdminId, long AdminChatId, string Language, string Text, long? Recipients, long? LastAccount,
    long Skipped, long Sent, long Failed, long Processed, long Cursor);

/// <summary>
/// The durable broadcast queue: a broadcast is queued in the admin command's own transaction and sent by whichever
/// instance holds the broadcast lease. Each recipient is recorded as reached before the message goes out, so a
/// resumed broadcast never writes to anyone twice; a crash at that moment loses at most that one message.
/// </summary>
public sealed class Broadcasts(Store store, TimeProvider time)
{
    private const string Columns =
        "id AS Id, admin_id AS AdminId, admin_chat_id AS AdminChatId, language AS Language, text AS Text, recipients AS Recipients, last_account AS LastAccount, "
        + "skipped AS Skipped, sent AS Sent, failed AS Failed, processed AS Processed, cursor AS Cursor";

    /// <summary>Inside the caller's transaction; false when <paramref name="key"/> was queued before (a retried command).</summary>
    public async Task<bool> EnqueueAsync(DbConnection c, DbTransaction t, string key, long adminId, long adminChatId, string language, string text, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO broadcasts (effect_key, admin_id, admin_chat_id, language, text, created_at)
            VALUES (@key, @adminId, @adminChatId, @language, @text, @now)
            ON CONFLICT (effect_key) DO NOTHING
            """, new { key, adminId, adminChatId, language, text, now = time.NowMs() }, t, cancellationToken: ct)) == 1;

    public Task<Broadcast?> NextAsync(CancellationToken ct = default) =>
        store.ReadAsync(c => c.QueryFirstOrDefaultAsync<Broadcast>(new CommandDefinition(
            $"SELECT {Columns} FROM broadcasts WHERE status = 'pending' ORDER BY id LIMIT 1", cancellationToken: ct)), ct);

    /// <summary>Fixes the audience size the first time; false when it was already started (a resumed broadcast).</summary>
    public Task<bool> StartAsync(long id, long recipients, long lastAccount, long skipped, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) => await c.ExecuteAsync(new CommandDefinition(
            "UPDATE broadcasts SET recipients = @recipients, last_account = @lastAccount, skipped = @skipped WHERE id = @id AND recipients IS NULL",
            new { id, recipients, lastAccount, skipped }, t, cancellationToken: ct)) == 1, ct);

    /// <summary>Before the send: this recipient is reached, whatever happens next.</summary>
    public Task ReachAsync(long id, long accountId, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE broadcasts SET cursor = @accountId, processed = processed + 1 WHERE id = @id",
            new { id, accountId }, t, cancellationToken: ct)), ct);

    public Task CountAsync(long id, BroadcastOutcome outcome, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            outcome switch
            {
                BroadcastOutcome.Sent => "UPDATE broadcasts SET sent = sent + 1 WHERE id = @id",
                BroadcastOutcome.Failed => "UPDATE broadcasts SET failed = failed + 1 WHERE id = @id",
                _ => "UPDATE broadcasts SET skipped = skipped + 1 WHERE id = @id",
            }, new { id }, t, cancellationToken: ct)), ct);

    /// <summary>Done; the final counts (recipients who left the audience before they were reached count as skipped).</summary>
    public Task<(long Sent, long Failed, long Skipped)> FinishAsync(long id, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.QuerySingleAsync<(long Sent, long Failed, long Skipped)>(new CommandDefinition(
            """
            UPDATE broadcasts SET status = 'done', finished_at = @now WHERE id = @id
            RETURNING sent, failed, skipped + COALESCE(recipients, 0) - processed
            """, new { id, now = time.NowMs() }, t, cancellationToken: ct)), ct);
}

public enum BroadcastOutcome { Sent, Failed, Skipped }
