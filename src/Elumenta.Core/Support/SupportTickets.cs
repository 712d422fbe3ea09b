using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Elumenta.Core.Accounts;
using Elumenta.Core.Generations;
using Elumenta.Core.Limits;
using Elumenta.Core.Payments;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Support;

public static class TicketReason
{
    public const string General = "general";
    public const string Payment = "payment";
    public const string FailedGeneration = "failed_generation";
}

public sealed record SupportTicket(string Code, long AccountId, long TelegramUserId, string Reason, long? GenerationId, TicketContext Context, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? ResolvedAt);

/// <summary>What support sees without asking the user: frozen when the ticket is created.</summary>
public sealed record TicketContext(
    string Plan, DateTimeOffset? PlanEndsAt, int PlanTokens, int BonusTokens, int? HourRemaining, int? DayRemaining,
    IReadOnlyList<TicketGeneration> LastGenerations, IReadOnlyList<TicketPayment> LastPayments);

public sealed record TicketGeneration(long Id, string Model, string Status, int Price, string? ErrorKind, string? Error, DateTimeOffset CreatedAt);

public sealed record TicketPayment(string ChargeId, string Kind, string Product, int Stars, string Status, DateTimeOffset At);

/// <summary>
/// Tickets for the separate support bot: a random code (safe as a <c>/start</c> payload, no personal data)
/// and a context snapshot. The support bot reads them by code through the shared store or the API.
/// </summary>
public sealed class SupportTickets(Store store, AccountService accounts, RateLimiter limits, GenerationStore generations, PaymentService payments, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public async Task<SupportTicket> CreateAsync(long accountId, string reason, long? generationId = null, CancellationToken ct = default)
    {
        var ticket = await PrepareAsync(accountId, reason, generationId, ct);
        await store.WriteAsync((c, t) => InsertAsync(c, t, ticket, ct), ct);
        return ticket;
    }

    /// <summary>A new ticket with its context snapshot, not stored yet: <see cref="InsertAsync"/> stores it in the caller's transaction.</summary>
    public async Task<SupportTicket> PrepareAsync(long accountId, string reason, long? generationId = null, CancellationToken ct = default)
    {
        if (reason is not (TicketReason.General or TicketReason.Payment or TicketReason.FailedGeneration))
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown ticket reason.");
        }

        var account = await accounts.FindAsync(accountId, ct) ?? throw new InvalidOperationException($"Account {accountId} does not exist.");
        var status = await limits.GetStatusAsync(accountId, ct);
        var context = new TicketContext(
            account.Plan, account.PlanEndsAt, account.PlanTokens, account.BonusTokens, status.HourRemaining, status.DayRemaining,
            (await generations.ListRecentAsync(accountId, 5, ct)).Select(g => new TicketGeneration(
                g.Id, g.ModelSlug, g.Status, g.Price, g.ErrorKind, g.Error, UnixTime.FromMs(g.CreatedAt))).ToList(),
            (await payments.ListRecentAsync(accountId, 3, ct)).Select(p => new TicketPayment(
                p.TelegramPaymentChargeId, p.Kind, p.ProductCode, p.Stars, p.Status, UnixTime.FromMs(p.CreatedAt))).ToList());
        var now = clock.GetUtcNow();
        // 16 random bytes as base64url: 22 characters of A-Za-z0-9_-, so "t_" + code is a valid deep-link payload.
        var code = "t_" + OrderService.Base64Url(RandomNumberGenerator.GetBytes(16));
        return new SupportTicket(code, accountId, account.TelegramUserId, reason, generationId, context, now, now + Lifetime, null);
    }

    public static Task InsertAsync(DbConnection c, DbTransaction t, SupportTicket ticket, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO support_tickets (code, account_id, reason, generation_id, context, created_at, expires_at)
            VALUES (@Code, @AccountId, @Reason, @GenerationId, @json, @created, @expires)
            """,
            new { ticket.Code, ticket.AccountId, ticket.Reason, ticket.GenerationId, json = JsonSerializer.Serialize(ticket.Context), created = ticket.CreatedAt.Ms(), expires = ticket.ExpiresAt.Ms() },
            t, cancellationToken: ct));
    }

    /// <summary>The ticket behind a code, or null when unknown or older than 7 days.</summary>
    public Task<SupportTicket?> FindAsync(string code, CancellationToken ct = default) =>
        store.ReadAsync(async c =>
        {
            var row = await c.QuerySingleOrDefaultAsync<TicketRow>(new CommandDefinition(
                """
                SELECT t.code AS Code, t.account_id AS AccountId, a.telegram_user_id AS TelegramUserId, t.reason AS Reason,
                       t.generation_id AS GenerationId, t.context AS Context, t.created_at AS CreatedAt, t.expires_at AS ExpiresAt,
                       t.resolved_at AS ResolvedAt
                FROM support_tickets t JOIN accounts a ON a.id = t.account_id
                WHERE t.code = @code AND t.expires_at > @now
                """, new { code, now = clock.NowMs() }, cancellationToken: ct));
            return row is null ? null : new SupportTicket(
                row.Code, row.AccountId, row.TelegramUserId, row.Reason, row.GenerationId,
                JsonSerializer.Deserialize<TicketContext>(row.Context)!, UnixTime.FromMs(row.CreatedAt), UnixTime.FromMs(row.ExpiresAt), UnixTime.FromMs(row.ResolvedAt));
        }, ct);

    public Task<bool> ResolveAsync(string code, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) => await c.ExecuteAsync(new CommandDefinition(
            "UPDATE support_tickets SET resolved_at = @now WHERE code = @code AND resolved_at IS NULL",
            new { code, now = clock.NowMs() }, t, cancellationToken: ct)) == 1, ct);

    private sealed class TicketRow
    {
        public string Code { get; init; } = "";
        public long AccountId { get; init; }
        public long TelegramUserId { get; init; }
        public string Reason { get; init; } = "";
        public long? GenerationId { get; init; }
        public string Context { get; init; } = "{}";
        public long CreatedAt { get; init; }
        public long ExpiresAt { get; init; }
        public long? ResolvedAt { get; init; }
    }
}
