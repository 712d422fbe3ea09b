namespace Elumenta.Core.Billing;

public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>The one-time gift into the bonus pool at sign-up.</summary>
    public int SignupGrantTokens { get; set; } = 50;

    /// <summary>
    /// How long a renewing Star subscription may be late before the plan falls back to free: Telegram charges
    /// at the period end and the payment message can arrive a little after it.
    /// </summary>
    public int RenewalGraceMinutes { get; set; } = 120;
}
