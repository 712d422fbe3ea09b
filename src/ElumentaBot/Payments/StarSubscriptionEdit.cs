using System.Text.Json.Serialization;
using Telegram.Bot.Requests;

namespace ElumentaBot.Payments;

/// <summary>
/// <c>editUserStarSubscription</c> with <c>is_canceled</c> always on the wire: the library's request drops a
/// false value (it omits defaults), which would make re-enabling a subscription a request Telegram refuses.
/// </summary>
public sealed class StarSubscriptionEdit() : RequestBase<bool>("editUserStarSubscription")
{
    [JsonPropertyName("user_id")]
    public required long UserId { get; init; }

    [JsonPropertyName("telegram_payment_charge_id")]
    public required string TelegramPaymentChargeId { get; init; }

    [JsonPropertyName("is_canceled")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required bool IsCanceled { get; init; }
}
