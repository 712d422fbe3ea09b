using System.Text.Json.Nodes;

namespace ElumentaBot.Sandbox;

/// <summary>Payment updates as Telegram sends them, and refunds that fail the second time as Telegram's do.</summary>
public sealed partial class FakeBot
{
    private readonly HashSet<string> _refundedCharges = [];
    private readonly List<JsonObject> _starTransactions = [];
    private readonly Dictionary<string, JsonObject> _invoiceLinks = [];

    /// <summary>The createInvoiceLink parameters behind a link it returned (the sandbox pays through it), or null.</summary>
    public JsonObject? InvoiceOfLink(string url)
    {
        lock (_sync)
        {
            return _invoiceLinks.GetValueOrDefault(url);
        }
    }

    /// <summary>A <c>successful_payment</c> service message in the payer's private chat.</summary>
    public int SendSuccessfulPayment(long userId, string payload, long amount, string chargeId, bool isRecurring = false, bool isFirstRecurring = false,
        long? subscriptionExpirationDate = null)
    {
        var payment = new JsonObject
        {
            ["currency"] = "XTR",
            ["total_amount"] = amount,
            ["invoice_payload"] = payload,
            ["telegram_payment_charge_id"] = chargeId,
            ["provider_payment_charge_id"] = "",
        };
        if (isRecurring)
        {
            payment["is_recurring"] = true;
            payment["subscription_expiration_date"] = subscriptionExpirationDate ?? time.GetUtcNow().AddDays(30).ToUnixTimeSeconds();
        }

        if (isFirstRecurring)
        {
            payment["is_first_recurring"] = true;
        }

        AddStarTransaction(userId, payload, amount, chargeId, isRecurring ? 2_592_000 : null);
        var message = UserMessage(userId, userId, "en", "Test");
        message["successful_payment"] = payment;
        return AddUpdate(new JsonObject { ["message"] = message });
    }

    /// <summary>
    /// An incoming Star payment in the bot's transaction history (<c>getStarTransactions</c>), as every payment leaves
    /// one; alone, it is a payment whose <c>successful_payment</c> update was lost.
    /// </summary>
    public void AddStarTransaction(long userId, string payload, long amount, string chargeId, int? subscriptionPeriod = null)
    {
        var source = new JsonObject
        {
            ["type"] = "user", ["transaction_type"] = "invoice_payment", ["user"] = UserJson(userId, "en", "Test"), ["invoice_payload"] = payload,
        };
        if (subscriptionPeriod is { } period)
        {
            source["subscription_period"] = period;
        }

        lock (_sync)
        {
            _starTransactions.Add(new JsonObject { ["id"] = chargeId, ["amount"] = amount, ["date"] = time.GetUtcNow().ToUnixTimeSeconds(), ["source"] = source });
        }
    }

    /// <summary><c>getStarTransactions</c>: oldest first, <c>offset</c> skipped, at most <c>limit</c> (100).</summary>
    private JsonObject StarTransactions(JsonObject parameters)
    {
        var offset = (int)(parameters["offset"] is JsonValue o && long.TryParse(o.ToString(), out var off) ? off : 0);
        var limit = (int)(parameters["limit"] is JsonValue l && long.TryParse(l.ToString(), out var lim) ? Math.Clamp(lim, 1, 100) : 100);
        lock (_sync)
        {
            return new JsonObject { ["transactions"] = new JsonArray([.. _starTransactions.Skip(offset).Take(limit).Select(t => (JsonNode)t.DeepClone())]) };
        }
    }

    /// <summary>A <c>refunded_payment</c> service message.</summary>
    public int SendRefundedPayment(long userId, string payload, long amount, string chargeId)
    {
        var message = UserMessage(userId, userId, "en", "Test");
        message["refunded_payment"] = new JsonObject
        {
            ["currency"] = "XTR", ["total_amount"] = amount, ["invoice_payload"] = payload, ["telegram_payment_charge_id"] = chargeId,
        };
        return AddUpdate(new JsonObject { ["message"] = message });
    }

    /// <summary><c>update.subscription</c> with state "canceled", "active" or "failed".</summary>
    public int SendSubscriptionUpdate(long userId, string payload, string state) =>
        AddUpdate(new JsonObject
        {
            ["subscription"] = new JsonObject { ["user"] = UserJson(userId, "en", "Test"), ["invoice_payload"] = payload, ["state"] = state },
        });

    private string CreateInvoiceLink(JsonObject parameters)
    {
        var link = $"https://t.me/$sandbox_{Guid.NewGuid():N}";
        lock (_sync)
        {
            _invoiceLinks[link] = (JsonObject)parameters.DeepClone();
        }

        return link;
    }

    /// <summary>Refunding a charge twice fails as Telegram's does.</summary>
    private FakeFault? RefundFault(string method, JsonObject parameters)
    {
        if (!string.Equals(method, "refundStarPayment", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var charge = parameters["telegram_payment_charge_id"]?.ToString() ?? "";
        return _refundedCharges.Add(charge) ? null : new FakeFault(method, 400, "Bad Request: CHARGE_ALREADY_REFUNDED");
    }
}
