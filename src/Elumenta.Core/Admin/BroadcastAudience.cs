using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Admin;

public sealed record BroadcastRecipient(long AccountId, long TelegramUserId);

/// <summary>Who a broadcast reaches: accounts that can be written to and did not turn notifications off.</summary>
public sealed class BroadcastAudience(Store store)
{
    public async Task<(IReadOnlyList<BroadcastRecipient> Recipients, long Skipped)> ListAsync(CancellationToken ct = default) =>
        await store.ReadAsync(async c =>
        {
            var recipients = (await c.QueryAsync<BroadcastRecipient>(new CommandDefinition(
                """
                SELECT id AS AccountId, telegram_user_id AS TelegramUserId FROM accounts
                WHERE telegram_user_id IS NOT NULL AND notifications_enabled = 1 AND blocked_by_user = 0 AND banned = 0 ORDER BY id
                """, cancellationToken: ct))).ToList();
            var total = await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM accounts", cancellationToken: ct));
            return ((IReadOnlyList<BroadcastRecipient>)recipients, total - recipients.Count);
        }, ct);

    /// <summary>Re-checked just before each send: a user may block the bot or turn notifications off mid-broadcast.</summary>
    public Task<bool> StillReachableAsync(long accountId, CancellationToken ct = default) =>
        store.ReadAsync(c => c.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = @accountId AND notifications_enabled = 1 AND blocked_by_user = 0 AND banned = 0)",
            new { accountId }, cancellationToken: ct)), ct);
}
