using System.Data.Common;
using Dapper;
using Elumenta.Core.Coordination;
using Elumenta.Core.Storage;

namespace ElumentaBot.Transport;

/// <summary>
/// Which instance runs which pending updates when several share one database (coordination on): a chat's updates
/// only on the holder of its <c>chat_claims</c> row, in update_id order; a fast-lane update only on the holder
/// named in its own row. A claim lives until <c>expires_at</c>, which the holder renews every sweep; an expired
/// claim is free, so a crashed instance's chats move on within the lease time. Off (SQLite), nothing here runs.
/// </summary>
public sealed partial class ChatClaims(Store store, Coordinator coordinator, BusyChats busy, TimeProvider time)
{
    // UpdateKinds.IsFastLane as SQL (constants, so inlined).
    private const string FastKinds = $"('{UpdateKinds.CallbackQuery}', '{UpdateKinds.PreCheckoutQuery}', '{UpdateKinds.InlineQuery}')";

    public bool Enabled => coordinator.Enabled;

    private string Me => coordinator.Me.Id;

    private long Until(long now) => now + (long)coordinator.Lease.TotalMilliseconds;

    /// <summary>
    /// Inside the inbox insert's transaction: claims the chats (free, expired or ours) and the fast-lane rows;
    /// returns the fresh items to run here, each with the ids of its chat's older pending rows.
    /// </summary>
    internal async Task<List<InboxItem>> ClaimAtStoreAsync(DbConnection c, DbTransaction t, IReadOnlyList<InboxItem> fresh, CancellationToken ct)
    {
        var now = time.NowMs();
        var fastIds = fresh.Where(IsFast).Select(i => (long)i.UpdateId).ToArray();
        if (fastIds.Length > 0)
        {
            await c.ExecuteAsync(new CommandDefinition(
                $"UPDATE update_inbox SET holder = @Me, claim_until = @Until WHERE {store.Sql.InList("update_id", "@Ids")}",
                new { Me, Until = Until(now), Ids = fastIds }, t, cancellationToken: ct));
        }

        // Sorted: two instances storing for the same chats lock the claim rows in one order, never a deadlock.
        var keys = fresh.Where(i => !IsFast(i)).Select(i => i.ChatKey!.Value).Distinct().Order().ToList();
        if (keys.Count == 0)
        {
            return [.. fresh];
        }

        var parameters = new DynamicParameters(new { Me, Now = now, Until = Until(now) });
        var values = string.Join(", ", keys.Select((k, n) =>
        {
            parameters.Add($"k{n}", k);
            return $"(@k{n}, @Me, @Until)";
        }));
        var held = await c.QueryAsync<long>(new CommandDefinition(
            $"""
            INSERT INTO chat_claims (chat_key, holder, expires_at) VALUES {values}
            ON CONFLICT (chat_key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE chat_claims.holder = excluded.holder OR chat_claims.expires_at < @Now
            RETURNING chat_key
            """, parameters, t, cancellationToken: ct));
        var ours = held.ToHashSet();
        if (ours.Count == 0)
        {
            return [.. fresh.Where(IsFast)];
        }

        var pending = (await c.QueryAsync<(long ChatKey, long UpdateId)>(new CommandDefinition(
            $"SELECT chat_key, update_id FROM update_inbox WHERE {store.Sql.InList("chat_key", "@Keys")} AND status = 'pending' AND kind NOT IN {FastKinds}",
            new { Keys = ours.ToArray() }, t, cancellationToken: ct))).ToLookup(r => r.ChatKey, r => (int)r.UpdateId);
        return fresh.Where(i => IsFast(i) || ours.Contains(i.ChatKey!.Value))
            .Select(i => IsFast(i) ? i : i with { PendingBefore = [.. pending[i.ChatKey!.Value].Where(id => id < i.UpdateId)] })
            .ToList();
    }

    /// <summary>The chat's pending rows, oldest first, while this instance holds it.</summary>
    public Task<List<InboxItem>> LoadHeldAsync(long chatKey, CancellationToken ct) =>
        store.ReadAsync(async c => (await c.QueryAsync<(long UpdateId, string Raw, long Attempts)>(new CommandDefinition(
            $"""
            SELECT i.update_id, i.raw, i.attempts FROM update_inbox i
            JOIN chat_claims h ON h.chat_key = i.chat_key AND h.holder = @Me
            WHERE i.chat_key = @Key AND i.status = 'pending' AND i.kind NOT IN {FastKinds}
            ORDER BY i.update_id
            """, new { Key = chatKey, Me }, cancellationToken: ct))).Select(ToItem).ToList(), ct);

    /// <summary>
    /// The chat's queue drained here: gives the claim up unless a row is pending, and returns the pending rows
    /// (oldest first) while the claim is still ours. The claim row is locked first, so under READ COMMITTED the
    /// pending check sees every store that tried to claim it before us; a store after us finds no claim and takes it.
    /// </summary>
    public Task<List<InboxItem>> ReleaseAsync(long chatKey, CancellationToken ct) =>
        store.WriteAsync(async (c, t) =>
        {
            var args = new { Key = chatKey, Me };
            var ours = await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                $"SELECT chat_key FROM chat_claims WHERE chat_key = @Key AND holder = @Me {ForUpdate}", args, t, cancellationToken: ct));
            if (ours is null)
            {
                return [];
            }

            var pending = await c.QueryAsync<(long UpdateId, string Raw, long Attempts)>(new CommandDefinition(
                $"SELECT update_id, raw, attempts FROM update_inbox WHERE chat_key = @Key AND status = 'pending' AND kind NOT IN {FastKinds} ORDER BY update_id",
                args, t, cancellationToken: ct));
            var items = pending.Select(ToItem).ToList();
            // Checked after the read: a question admitted since (its row done) holds the chat from before its admission.
            if (items.Count == 0 && !busy.IsBusy(chatKey))
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM chat_claims WHERE chat_key = @Key AND holder = @Me", args, t, cancellationToken: ct));
            }

            return items;
        }, WriteIsolation.RowLocks, ct);

    /// <summary>A clean stop, after the dispatcher drained: the others take this instance's chats over at once.</summary>
    public Task ReleaseAllAsync(CancellationToken ct) =>
        store.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM chat_claims WHERE holder = @Me", new { Me }, t, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE update_inbox SET holder = NULL, claim_until = NULL WHERE holder = @Me AND status = 'pending'", new { Me }, t, cancellationToken: ct));
        }, ct);

    internal static bool IsFast(InboxItem item) => UpdateKinds.IsFastLane(item.Kind) || item.ChatKey is null;

    private string ForUpdate => store.Sql.IsPostgres ? "FOR UPDATE" : "";

    private static InboxItem ToItem((long UpdateId, string Raw, long Attempts) r)
    {
        var update = RawUpdate.ParseUpdate(r.Raw);
        return new InboxItem((int)r.UpdateId, UpdateKinds.ChatKeyOf(update), UpdateKinds.KindOf(update), update, (int)r.Attempts);
    }
}
