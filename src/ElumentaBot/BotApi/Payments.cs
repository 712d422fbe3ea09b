namespace ElumentaBot.BotApi;

public sealed record PreCheckoutQuery
{
    public string Id { get; init; } = "";
    public User From { get; init; } = new();
    public string Currency { get; init; } = "";
    public long TotalAmount { get; init; }
    public string InvoicePayload { get; init; } = "";
    public string? ShippingOptionId { get; init; }
}

public sealed record SuccessfulPayment
{
    public string Currency { get; init; } = "";
    public long TotalAmount { get; init; }
    public string InvoicePayload { get; init; } = "";
    public string TelegramPaymentChargeId { get; init; } = "";
    public string? ProviderPaymentChargeId { get; init; }
    public long? SubscriptionExpirationDate { get; init; }
    public bool? IsRecurring { get; init; }
    public bool? IsFirstRecurring { get; init; }
}

public sealed record RefundedPayment
{
    public string Currency { get; init; } = "";
    public long TotalAmount { get; init; }
    public string InvoicePayload { get; init; } = "";
    public string TelegramPaymentChargeId { get; init; } = "";
    public string? ProviderPaymentChargeId { get; init; }
}

public sealed record LabeledPrice(string Label, long Amount);
