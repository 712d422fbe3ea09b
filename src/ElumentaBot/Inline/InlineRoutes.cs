using ElumentaBot.Transport;

namespace ElumentaBot.InlineMode;

public static class InlineRoutes
{
    /// <summary>
    /// <c>@bot question</c> in any chat (the offered result), the result the user picked (admitted and answered into the
    /// sent message), and <c>/start answer-…</c>, the full text of an answer too long for that message.
    /// </summary>
    public static RouteTable MapInline(this RouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Feature("Inline")
            .InlineQuery<InlineQueryHandler>((h, c, ct) => h.AnswerAsync(c, ct))
            .ChosenInlineResult<ChosenResultHandler>((h, c, ct) => h.HandleAsync(c, ct))
            .StartPayload<FullAnswerHandler>(InlineAnswers.PayloadPrefix, (h, c, ct) => h.SendAsync(c, ct));
        return routes;
    }
}
