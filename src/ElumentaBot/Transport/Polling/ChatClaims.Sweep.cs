using Dapper;
using Elumenta.Core.Storage;

namespace ElumentaBot.Transport;

public sealed partial class ChatClaims
{
    /// <summary>One sweep: renews this instance's claims, takes free ones, and returns the pending rows it now holds, oldest first.</summary>
    public Task<List<InboxItem>> SweepAsync(CancellationToken ct)
    {
        var now = time.NowMs();
        var args = new { Me, Now = now, Until = Until(now) };
        return store.WriteAsync(async (c, t) =>
        {
            // A claim taken on a row that was finished just after the read, or left by a failed release, or by an
            // instance that died (expired): nothing runs it.
            var idle = await c.QueryAsync<(long ChatKey, string Holder)>(new CommandDefinition(
                $"""
                DELETE FROM chat_claims WHERE (holder = @Me OR expires_at < @Now) AND NOT EXISTS (
                    SELECT 1 FROM update_inbox i WHERE i.chat_key = chat_claims.chat_key AND i.status = 'pending' AND i.kind NOT IN {FastKinds})
                RETURNING chat_key, holder
                """, args, t, cancellationToken: ct));
            // Unless its answer still runs here (held before its row was done, so checked after the delete's read):
            // put back in the same transaction, no other instance ever sees the chat free.
            if (idle.Where(i => i.Holder == Me && busy.IsBusy(i.ChatKey)).Select(i => i.ChatKey).ToArray() is { Length: > 0 } running)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO chat_claims (chat_key, holder, expires_at) VALUES (@Key, @Me, @Until)",
                    running.Select(key => new { Key = key, Me, Until = Until(now) }), t, cancellationToken: ct));
            }

            await c.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO chat_claims (chat_key, holder, expires_at)
                SELECT DISTINCT chat_key, @Me, @Until FROM update_inbox
                WHERE status = 'pending' AND chat_key IS NOT NULL AND kind NOT IN {FastKinds}
                ORDER BY chat_key
                ON CONFLICT (chat_key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE chat_claims.holder = excluded.holder OR chat_claims.expires_at < @Now
                """, args, t, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE chat_claims SET expires_at = @Until WHERE holder = @Me", args, t, cancellationToken: ct));
            var fast = await c.QueryAsync<(long UpdateId, string Raw, long Attempts)>(new CommandDefinition(
                $"""
                UPDATE update_inbox SET holder = @Me, claim_until = @Until
                WHERE update_id IN (
                    SELECT update_id FROM update_inbox
                    WHERE status = 'pending' AND (chat_key IS NULL OR kind IN {FastKinds})
                      AND (holder IS NULL OR holder = @Me OR claim_until < @Now)
                    ORDER BY update_id LIMIT 500 {store.Sql.ForUpdateSkipLocked})
                RETURNING update_id, raw, attempts
                """, args, t, cancellationToken: ct));
            var chats = await c.QueryAsync<(long UpdateId, string Raw, long Attempts)>(new CommandDefinition(
                $"""
                SELECT i.update_id, i.raw, i.attempts FROM update_inbox i
                JOIN chat_claims h ON h.chat_key = i.chat_key AND h.holder = @Me
                WHERE i.status = 'pending' AND i.kind NOT IN {FastKinds}
                ORDER BY i.update_id
                """, args, t, cancellationToken: ct));
            return fast.OrderBy(r => r.UpdateId).Concat(chats).Select(ToItem).ToList();
        }, WriteIsolation.RowLocks, ct);
    }
}
