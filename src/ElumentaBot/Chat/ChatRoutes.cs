using ElumentaBot.Chat.Handlers;
using ElumentaBot.Transport;
using ElumentaBot.Ui;

namespace ElumentaBot.Chat;

public static class ChatRoutes
{
    /// <summary>
    /// Text, photos and voice in Chat mode (other modes' photos and voice are media's), <c>/new</c>, the draft Stop
    /// button and the <c>chat:</c> buttons. <c>/cancel</c> stops chat and media work alike: see Cancel/.
    /// </summary>
    public static RouteTable MapChat(this RouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Feature("Chat")
            .Command<ChatCommandHandler>("new", (h, c, ct) => h.NewAsync(c, ct))
            .StoppedGeneration<ChatStopHandler>((h, c, ct) => h.StopAsync(c, ct))
            .Callback<ChatCallbackHandler>("chat", (h, c, ct) => h.HandleAsync(c, ct))
            .Input<ChatTextHandler>(InputKind.Text, BotMode.Chat, (h, c, ct) => h.TextAsync(c, ct))
            .Input<ChatMediaHandler>(InputKind.Photo, BotMode.Chat, (h, c, ct) => h.PhotoAsync(c, ct))
            .Input<ChatMediaHandler>(InputKind.Voice, BotMode.Chat, (h, c, ct) => h.VoiceAsync(c, ct));
        return routes;
    }
}
