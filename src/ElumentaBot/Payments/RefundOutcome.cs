using System.Text.Json.Serialization;
using Elumenta.Core.Payments;

namespace ElumentaBot.Payments;

public abstract record RefundOutcome
{
    private RefundOutcome()
    {
    }

    public sealed record Done(RefundResult.Refunded Result, long AccountId) : RefundOutcome;

    public sealed record AlreadyRefunded : RefundOutcome;

    public sealed record UnknownCharge : RefundOutcome;

    public sealed record TelegramRefused(string Error) : RefundOutcome;
}

[JsonSerializable(typeof(string))]
internal sealed partial class RefundJson : JsonSerializerContext;
