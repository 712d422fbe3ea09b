using Dapper;
using Elumenta.Core.Storage;

namespace ElumentaBot.Outbound;

/// <summary>Sets or clears <c>accounts.blocked_by_user</c>. Replace with the core AccountService once it lands.</summary>
public interface IAccountReachability
{
    Task SetUnreachableAsync(long telegramUserId, bool unreachable, CancellationToken ct);
}

internal sealed class SqlAccountReachability(SqliteStore store) : IAccountReachability
{
    public Task SetUnreachableAsync(long telegramUserId, bool unreachable, CancellationToken ct) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE accounts SET blocked_by_user = @Blocked
            WHERE telegram_user_id = @TelegramUserId AND blocked_by_user <> @Blocked
            """,
            new { TelegramUserId = telegramUserId, Blocked = unreachable ? 1 : 0 }, t, cancellationToken: ct)), ct);
}
