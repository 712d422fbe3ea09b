using System.Globalization;
using ElumentaBot.Transport;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot;

namespace Elumenta.Benchmarks.Transport;

/// <summary>
/// One trivial route in place of the product's text routes: every text is answered with its update id, so the
/// figure is the transport, the gates, the inbox and the claims, not the product handlers.
/// </summary>
internal static class ReplyRoute
{
    public static IServiceCollection AddReplyRoute(this IServiceCollection services) =>
        services.AddScoped<ReplyHandler>().AddSingleton(new RouteOverride(t =>
            t.Override("Bench").Input<ReplyHandler>(InputKind.Text, Enum.GetValues<ElumentaBot.Ui.BotMode>(), (h, c, ct) => h.ReplyAsync(c, ct))));

    private sealed class ReplyHandler
    {
        public Task ReplyAsync(UpdateContext context, CancellationToken ct) =>
            context.Bot.SendMessage(context.Message!.Chat.Id, context.UpdateId.ToString(CultureInfo.InvariantCulture), cancellationToken: ct);
    }
}
