using ElumentaBot.Transport;
using ElumentaBot.Ui;

namespace ElumentaBot.Payments;

public static class PaymentRoutes
{
    public static RouteTable MapPayments(this RouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Feature("Payments")
            .PreCheckout<PreCheckoutHandler>((h, c, ct) => h.AnswerAsync(c, ct))
            .SuccessfulPayment<PaymentMessageHandler>((h, c, ct) => h.PaidAsync(c, ct))
            .RefundedPayment<PaymentMessageHandler>((h, c, ct) => h.RefundedAsync(c, ct))
            .Subscription<SubscriptionHandler>((h, c, ct) => h.ChangedAsync(c, ct))
            .Command<OffersHandler>("plans", (h, c, ct) => h.PlansAsync(c, ct))
            .Menu<OffersHandler>(MenuItem.Plans, (h, c, ct) => h.PlansAsync(c, ct))
            .Command<OffersHandler>("buy", (h, c, ct) => h.BuyAsync(c, ct))
            .Callback<OffersHandler>(PayCallbacks.Name, (h, c, ct) => h.CallbackAsync(c, ct));
        return routes;
    }
}
