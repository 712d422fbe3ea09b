using Dapper;
using Elumenta.Core.Accounts;
using Elumenta.Core.Payments;
using Elumenta.Core.Storage;
using ElumentaBot.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Payments;

namespace ElumentaBot.Payments;

/// <summary>
/// No payment is lost, even when its <c>successful_payment</c> update is (it gave up after its retries, or a power
/// cut took it): the cycle job pages Telegram's Star transaction history from where it stopped and fulfils, through
/// the same exactly-once path as the update, every incoming invoice payment with no payment row. One that matches
/// no order is recorded as unmatched (the payer gets a support ticket) and the admins are told. Only transactions
/// older than <see cref="Settle"/> are taken, so a payment whose update is simply on its way is left to it.
/// </summary>
public sealed partial class StarReconciliation(
    ITelegramBotClient bot, Store store, PaymentService payments, AccountService accounts, PaymentConfirmations confirmations,
    IOptions<TelegramOptions> telegram, TimeProvider clock, ILogger<StarReconciliation> logger)
{
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(10);
    private const int PageSize = 100;

    /// <summary>Returns how many payments it credited (or recorded as unmatched).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var offset = await store.ReadAsync(c => c.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE((SELECT next_offset FROM star_reconciliation WHERE id = 1), 0)", cancellationToken: ct)), ct);
        var recovered = 0;
        var cutoff = clock.GetUtcNow() - Settle;
        while (true)
        {
            var page = (await bot.GetStarTransactions(offset, PageSize, ct)).Transactions ?? [];
            var settled = page.TakeWhile(t => new DateTimeOffset(DateTime.SpecifyKind(t.Date, DateTimeKind.Utc)) <= cutoff).ToList();
            foreach (var transaction in settled)
            {
                recovered += await ReconcileAsync(transaction, ct) ? 1 : 0;
            }

            offset += settled.Count;
            await store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO star_reconciliation (id, next_offset) VALUES (1, @offset)
                ON CONFLICT (id) DO UPDATE SET next_offset = {store.Sql.Greatest("star_reconciliation.next_offset", "excluded.next_offset")}
                """, new { offset }, t, cancellationToken: ct)), ct);
            if (settled.Count < PageSize)
            {
                return recovered;
            }
        }
    }

    private async Task<bool> ReconcileAsync(StarTransaction transaction, CancellationToken ct)
    {
        if (transaction is not { Amount: > 0, Source: TransactionPartnerUser { TransactionType: TransactionPartnerUserTransactionType.InvoicePayment, User: { } user } partner }
            || await payments.FindAsync(transaction.Id, ct) is not null)
        {
            return false;
        }

        await accounts.GetOrCreateAsync(new TelegramUserInfo(user.Id, user.Username, user.FirstName, user.LanguageCode), ct: ct);
        var info = new SuccessfulPaymentInfo(user.Id, "XTR", (int)transaction.Amount, partner.InvoicePayload ?? "", transaction.Id)
        {
            // A recurring charge whose first one we already know is a renewal; otherwise it is treated as the first.
            IsRecurring = partner.SubscriptionPeriod is > 0,
            IsFirstRecurring = partner.SubscriptionPeriod is > 0 && !await payments.HasSubscriptionOrderPaymentAsync(partner.InvoicePayload ?? "", ct),
        };
        var result = await payments.FulfilAsync(info, ct);
        LogRecovered(logger, transaction.Id, user.Id, transaction.Amount, result.GetType().Name);
        if (result is FulfilmentResult.Unmatched)
        {
            foreach (var admin in telegram.Value.AdminUserIds)
            {
                await Quietly(() => bot.SendMessage(admin,
                    $"⚠️ Star payment {transaction.Id} of user {user.Id} ({transaction.Amount} ⭐) matches no order. The user was given a support ticket; refund it with /refund {transaction.Id} or credit it by hand.",
                    cancellationToken: ct));
            }
        }

        var paid = result switch
        {
            FulfilmentResult.Fulfilled f => f.Payment,
            FulfilmentResult.Unmatched u => u.Payment,
            _ => null,
        };
        if (paid is not null)
        {
            // Best effort: if this fails too, the confirmation sweep tries once more.
            await Quietly(() => confirmations.SendAsync(paid, ct));
        }

        return true;
    }

    private static async Task Quietly(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex.IsTransient() || ex.IsBlocked() || ex is Telegram.Bot.Exceptions.ApiRequestException)
        {
        }
    }

    [LoggerMessage(LogLevel.Warning, "Recovered Star payment {ChargeId} of Telegram user {TelegramUserId} ({Stars} Stars) from the transaction history: {Result}")]
    private static partial void LogRecovered(ILogger logger, string chargeId, long telegramUserId, long stars, string result);
}
