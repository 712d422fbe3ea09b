using System.Data.Common;
using System.Data;
using Dapper;
using Elumenta.Core.Storage;
using Microsoft.Data.Sqlite;
using Telegram.Bot.Types;

namespace ElumentaBot.Transport;

/// <summary>An update as stored in <c>update_inbox</c>.</summary>
public sealed record InboxItem(int UpdateId, long? ChatKey, string Kind, Update Update, int Attempts)
{
    /// <summary>Claims on: older rows of this chat pending when it was stored (another instance stored them for us).</summary>
    internal IReadOnlyList<int>? PendingBefore { get; init; }
}

/// <summary>
/// The durable inbox: updates are stored (deduplicated by update_id, offset advanced in the same
/// transaction) before the next getUpdates confirms them, and leave it only as done or failed.
/// With coordination on, storing also claims the updates' chats (<see cref="ChatClaims"/>).
/// </summary>
public sealed class UpdateInbox(Store store, TimeProvider time, ChatClaims? claims = null)
{
    private readonly InboxCompletions _completions = new(store, time);

    public Task<int> LoadOffsetAsync(CancellationToken ct) =>
        store.ReadAsync(c => c.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE((SELECT next_offset FROM polling_state WHERE id = 1), 0)", cancellationToken: ct)), ct);

    /// <summary>
    /// Stores a getUpdates batch; returns the updates not seen before that this instance is to run now (with
    /// coordination on, those of chats another instance holds stay pending for it).
    /// </summary>
    /// <param name="advanceOffset">
    /// Polling: the next getUpdates offset moves in the same transaction. A webhook delivery has no offset, and the
    /// one <c>polling_state</c> row would make every instance's stores wait on each other (measured: 40–47 of 48).
    /// </param>
    public Task<List<InboxItem>> StoreAsync(IReadOnlyList<RawUpdate> updates, CancellationToken ct, bool advanceOffset = true)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var now = time.NowMs();
        var nextOffset = updates.Max(u => u.Update.Id) + 1;
        return store.WriteAsync(async (c, t) =>
        {
            var fresh = new List<InboxItem>(updates.Count);
            // One statement prepared once and re-bound per update (Microsoft.Data.Sqlite's bulk-insert recipe):
            // a batch of 100 is parsed by SQLite once, not 100 times.
            await using var insert = c.CreateCommand();
            insert.Transaction = t;
            insert.CommandText = """
                INSERT INTO update_inbox (update_id, chat_key, kind, raw, received_at)
                VALUES (@update_id, @chat_key, @kind, @raw, @now)
                ON CONFLICT (update_id) DO NOTHING
                """;
            var id = AddParameter(insert, "update_id", DbType.Int64);
            var chatKey = AddParameter(insert, "chat_key", DbType.Int64);
            var kind = AddParameter(insert, "kind", DbType.String);
            var json = AddParameter(insert, "raw", DbType.String);
            AddParameter(insert, "now", DbType.Int64).Value = now;
            foreach (var raw in updates)
            {
                var item = new InboxItem(raw.Update.Id, UpdateKinds.ChatKeyOf(raw.Update), UpdateKinds.KindOf(raw.Update), raw.Update, 0);
                id.Value = (long)item.UpdateId;
                chatKey.Value = (object?)item.ChatKey ?? DBNull.Value;
                kind.Value = item.Kind;
                json.Value = raw.Json;
                if (await insert.ExecuteNonQueryAsync(ct) == 1)
                {
                    fresh.Add(item);
                }
            }

            if (advanceOffset)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    $"""
                    INSERT INTO polling_state (id, next_offset) VALUES (1, @NextOffset)
                    ON CONFLICT (id) DO UPDATE SET next_offset = {store.Sql.Greatest("polling_state.next_offset", "excluded.next_offset")}
                    """,
                    new { NextOffset = nextOffset }, t, cancellationToken: ct));
            }
            if (claims is not { Enabled: true })
            {
                return fresh;
            }

            return await claims.ClaimAtStoreAsync(c, t, fresh, ct);
        }, WriteIsolation.RowLocks, ct);
    }

    /// <summary>Updates stored but not finished by a previous run, oldest first.</summary>
    public async Task<List<InboxItem>> LoadPendingAsync(CancellationToken ct)
    {
        var rows = await store.ReadAsync(c => c.QueryAsync<(long UpdateId, string Raw, long Attempts)>(new CommandDefinition(
            "SELECT update_id, raw, attempts FROM update_inbox WHERE status = 'pending' ORDER BY update_id",
            cancellationToken: ct)), ct);
        return rows.Select(r =>
        {
            var update = RawUpdate.ParseUpdate(r.Raw);
            return new InboxItem((int)r.UpdateId, UpdateKinds.ChatKeyOf(update), UpdateKinds.KindOf(update), update, (int)r.Attempts);
        }).ToList();
    }

    /// <summary>Durable once the returned task completes; concurrent calls share one transaction.</summary>
    public Task MarkDoneAsync(int updateId) => _completions.MarkDoneAsync(updateId);

    /// <summary>Counts a failed attempt; returns true when the update has now given up (status failed).</summary>
    public Task<bool> RecordFailureAsync(int updateId, string error, int maxAttempts, CancellationToken ct) =>
        store.WriteAsync((c, t) => c.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            UPDATE update_inbox
            SET attempts = attempts + 1,
                error = @Error,
                status = CASE WHEN attempts + 1 >= @MaxAttempts THEN 'failed' ELSE 'pending' END,
                handled_at = CASE WHEN attempts + 1 >= @MaxAttempts THEN @Now END
            WHERE update_id = @UpdateId
            RETURNING status = 'failed'
            """,
            new { UpdateId = updateId, Error = error, MaxAttempts = maxAttempts, Now = time.NowMs() }, t, cancellationToken: ct)), WriteIsolation.RowLocks, ct);

    private static DbParameter AddParameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public Task<int> PruneAsync(TimeSpan retention, CancellationToken ct) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM update_inbox WHERE status <> 'pending' AND handled_at < @Cutoff",
            new { Cutoff = time.NowMs() - (long)retention.TotalMilliseconds }, t, cancellationToken: ct)), ct);
}
