using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Elumenta.Core.Catalog;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Payments;

/// <summary>Orders are created before an invoice and carried in its payload; pre-checkout is judged against them.</summary>
public sealed class OrderService(Store store, ModelCatalog catalog, TimeProvider clock)
{
    /// <summary>An open order for a paid plan or a token package at today's price; null for an unknown product.</summary>
    public Task<Order?> CreateAsync(long accountId, string kind, string productCode, CancellationToken ct = default) =>
        PriceOf(kind, productCode) is null
            ? Task.FromResult<Order?>(null)
            : store.WriteAsync((c, t) => CreateAsync(c, t, accountId, kind, productCode, ct), ct);

    /// <summary>In the caller's transaction (a pay button records its callback id with the order it created).</summary>
    public async Task<Order?> CreateAsync(DbConnection c, DbTransaction t, long accountId, string kind, string productCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (PriceOf(kind, productCode) is not { } stars)
        {
            return null;
        }

        // 16 random bytes: unguessable, 24 URL-safe characters, far under the 128-byte payload limit.
        var id = "o_" + Base64Url(RandomNumberGenerator.GetBytes(16));
        var order = new Order { Id = id, AccountId = accountId, Kind = kind, ProductCode = productCode, Stars = stars, CreatedAt = clock.NowMs() };
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO orders (id, account_id, kind, product_code, stars, currency, status, created_at)
            VALUES (@Id, @AccountId, @Kind, @ProductCode, @Stars, 'XTR', 'open', @CreatedAt)
            """, order, t, cancellationToken: ct));
        return order;
    }

    public Task SetInvoiceLinkAsync(string orderId, string link, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE orders SET invoice_link = @link WHERE id = @orderId", new { orderId, link }, t, cancellationToken: ct)), ct);

    public Task<Order?> FindAsync(string orderId, CancellationToken ct = default) =>
        store.ReadAsync(c => c.QuerySingleOrDefaultAsync<Order>(new CommandDefinition(
            $"SELECT {Order.Columns} FROM orders WHERE id = @orderId", new { orderId }, cancellationToken: ct)), ct);

    /// <summary>
    /// Accept only an existing order of this user, at today's price in Stars, not yet paid. A paid plan order
    /// is still accepted while its subscription is the account's current plan: that is a renewal charge.
    /// </summary>
    public Task<PreCheckoutDecision> JudgePreCheckoutAsync(long telegramUserId, string payload, string currency, int totalAmount, CancellationToken ct = default) =>
        store.ReadAsync<PreCheckoutDecision>(async c =>
        {
            var row = await c.QuerySingleOrDefaultAsync<PreCheckoutRow>(new CommandDefinition(
                """
                SELECT o.id AS Id, o.kind AS Kind, o.product_code AS ProductCode, o.stars AS Stars, o.status AS Status,
                       a.telegram_user_id AS TelegramUserId, a.banned AS Banned,
                       (SELECT COUNT(*) FROM payments p JOIN plan_cycles pc ON pc.id = p.cycle_id
                        WHERE p.order_id = o.id AND pc.id = a.cycle_id AND pc.renews = 1) AS RenewsCurrentPlan
                FROM orders o JOIN accounts a ON a.id = o.account_id
                WHERE o.id = @payload
                """, new { payload }, cancellationToken: ct));
            if (row is null)
            {
                return new PreCheckoutDecision.Refuse(PreCheckoutRefusal.UnknownOrder);
            }

            if (row.TelegramUserId != telegramUserId)
            {
                return new PreCheckoutDecision.Refuse(PreCheckoutRefusal.NotYourOrder);
            }

            if (row.Banned)
            {
                return new PreCheckoutDecision.Refuse(PreCheckoutRefusal.AccountBanned);
            }

            if (!string.Equals(currency, "XTR", StringComparison.Ordinal))
            {
                return new PreCheckoutDecision.Refuse(PreCheckoutRefusal.WrongCurrency);
            }

            if (PriceOf(row.Kind, row.ProductCode) is not { } price || price != totalAmount || row.Stars != totalAmount)
            {
                return new PreCheckoutDecision.Refuse(PreCheckoutRefusal.PriceChanged);
            }

            var renewal = row.Kind == OrderKind.Plan && row.RenewsCurrentPlan > 0;
            if (row.Status != "open" && !renewal)
            {
                return new PreCheckoutDecision.Refuse(PreCheckoutRefusal.AlreadyPaid);
            }

            return new PreCheckoutDecision.Accept((await FindAsync(row.Id, ct))!);
        }, ct);

    public int? PriceOf(string kind, string productCode) => kind switch
    {
        OrderKind.Plan => catalog.FindPlan(productCode) is { IsPaid: true } plan ? plan.Stars : null,
        OrderKind.Package => catalog.FindPackage(productCode)?.Stars,
        _ => null,
    };

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class PreCheckoutRow
    {
        public string Id { get; init; } = "";
        public string Kind { get; init; } = "";
        public string ProductCode { get; init; } = "";
        public int Stars { get; init; }
        public string Status { get; init; } = "";
        public long TelegramUserId { get; init; }
        public bool Banned { get; init; }
        public long RenewsCurrentPlan { get; init; }
    }
}
