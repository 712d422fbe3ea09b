namespace Elumenta.Core.Payments;

public static class OrderKind
{
    public const string Plan = "plan";
    public const string Package = "package";
}

public sealed class Order
{
    public string Id { get; init; } = "";
    public long AccountId { get; init; }
    public string Kind { get; init; } = "";
    public string ProductCode { get; init; } = "";
    public int Stars { get; init; }
    public string Currency { get; init; } = "XTR";
    public string Status { get; init; } = "open";
    public string? InvoiceLink { get; init; }
    public long CreatedAt { get; init; }
    public long? PaidAt { get; init; }

    internal const string Columns = "id, account_id, kind, product_code, stars, currency, status, invoice_link, created_at, paid_at";
}

public sealed class Payment
{
    public long Id { get; init; }
    public string TelegramPaymentChargeId { get; init; } = "";
    public string? ProviderPaymentChargeId { get; init; }
    public string OrderId { get; init; } = "";
    public long AccountId { get; init; }
    public string Kind { get; init; } = "";
    public string ProductCode { get; init; } = "";
    public int Stars { get; init; }
    public string Currency { get; init; } = "XTR";
    public bool IsRecurring { get; init; }
    public bool IsFirstRecurring { get; init; }
    public string? SubscriptionChargeId { get; init; }
    public long? SubscriptionExpirationDate { get; init; }
    public long? CycleId { get; init; }
    public int TokensCredited { get; init; }
    public string Status { get; init; } = "fulfilled";
    public long CreatedAt { get; init; }
    public long? ConfirmationSentAt { get; init; }
    public long? RefundedAt { get; init; }
    public int? RefundTokensTaken { get; init; }
    public string? RefundNote { get; init; }

    internal const string Columns =
        """
        id, telegram_payment_charge_id, provider_payment_charge_id, order_id, account_id, kind, product_code, stars,
        currency, is_recurring, is_first_recurring, subscription_charge_id, subscription_expiration_date, cycle_id,
        tokens_credited, status, created_at, confirmation_sent_at, refunded_at, refund_tokens_taken, refund_note
        """;
}

/// <summary>The fields of Telegram's <c>successful_payment</c> that fulfilment reads.</summary>
public sealed record SuccessfulPaymentInfo(
    long TelegramUserId,
    string Currency,
    int TotalAmount,
    string InvoicePayload,
    string TelegramPaymentChargeId)
{
    public string? ProviderPaymentChargeId { get; init; }
    public bool IsRecurring { get; init; }
    public bool IsFirstRecurring { get; init; }
    public long? SubscriptionExpirationDate { get; init; }
}

public enum PreCheckoutRefusal { UnknownOrder, NotYourOrder, AlreadyPaid, PriceChanged, WrongCurrency, AccountBanned }

public abstract record PreCheckoutDecision
{
    private PreCheckoutDecision()
    {
    }

    public sealed record Accept(Order Order) : PreCheckoutDecision;

    public sealed record Refuse(PreCheckoutRefusal Reason) : PreCheckoutDecision;
}

public abstract record FulfilmentResult
{
    private FulfilmentResult()
    {
    }

    /// <param name="CancelSubscriptionChargeId">The replaced plan's subscription to stop renewing, if any.</param>
    public sealed record Fulfilled(Payment Payment, string? CancelSubscriptionChargeId) : FulfilmentResult;

    /// <summary>The same charge was seen before (a redelivered update): nothing changed.</summary>
    public sealed record Duplicate(Payment Payment) : FulfilmentResult;

    /// <summary>Money arrived for an order we do not know: recorded for support, nothing credited.</summary>
    public sealed record Unmatched(Payment Payment) : FulfilmentResult;
}

public abstract record RefundResult
{
    private RefundResult()
    {
    }

    public sealed record Refunded(Payment Payment, int TokensTaken, bool PlanEnded) : RefundResult;

    public sealed record AlreadyRefunded(Payment Payment) : RefundResult;

    public sealed record UnknownCharge : RefundResult;
}
