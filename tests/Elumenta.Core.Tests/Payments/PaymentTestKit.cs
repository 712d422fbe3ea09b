using Elumenta.Core.Billing;
using Elumenta.Core.Payments;
using Elumenta.Core.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Elumenta.Core.Tests.Payments;

/// <summary>Orders and payments over the harness's store, as the bot's payment handlers drive them.</summary>
internal sealed class PaymentTestKit(CoreHarness h, CoreServices services)
{
    public OrderService Orders { get; } = new(services.Store, CoreHarness.Catalog, h.Clock);

    public PaymentService Payments { get; } = new(services.Store, CoreHarness.Catalog, services.Billing, h.Clock, NullLogger<PaymentService>.Instance);

    public static SuccessfulPaymentInfo Paid(long telegramUserId, Order order, string chargeId, bool recurring = false, bool first = false) =>
        new(telegramUserId, "XTR", order.Stars, order.Id, chargeId) { IsRecurring = recurring, IsFirstRecurring = first, ProviderPaymentChargeId = null };
}
