namespace Elumenta.Core.Billing;

public sealed class PlanCycle
{
    public long Id { get; init; }
    public long AccountId { get; init; }
    public string Plan { get; init; } = "";
    public int Allowance { get; init; }
    public long StartsAt { get; init; }
    public long EndsAt { get; init; }
    public string? PaymentChargeId { get; init; }
    public string? SubscriptionChargeId { get; init; }
    public bool Renews { get; init; }
    public long? EndedAt { get; init; }
    public string? EndReason { get; init; }

    internal const string Columns =
        "id, account_id, plan, allowance, starts_at, ends_at, payment_charge_id, subscription_charge_id, renews, ended_at, end_reason";
}
