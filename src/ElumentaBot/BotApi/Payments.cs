namespace ElumentaBot.BotApi;

public sealed record PreCheckoutQuery
{
    public string Id { get; set; } = "";
    public User From { get; set; } = new();
    public string Currency { get; set; } = "";
    public long TotalAmount { get; set; }
    public string InvoicePayload { get; set; } = "";
    public string? ShippingOptionId { get; set; }
}

public sealed record SuccessfulPayment
{
    public string Currency { get; set; } = "";
    public long TotalAmount { get; set; }
    public string InvoicePayload { get; set; } = "";
    public string TelegramPaymentChargeId { get; set; } = "";
    public string? ProviderPaymentChargeId { get; set; }
    public long? SubscriptionExpirationDate { get; set; }
    public bool? IsRecurring { get; set; }
    public bool? IsFirstRecurring { get; set; }
}

public sealed record RefundedPayment
{
    public string Currency { get; set; } = "";
    public long TotalAmount { get; set; }
    public string InvoicePayload { get; set; } = "";
    public string TelegramPaymentChargeId { get; set; } = "";
    public string? ProviderPaymentChargeId { get; set; }
}

public sealed record LabeledPrice(string Label, long Amount);
