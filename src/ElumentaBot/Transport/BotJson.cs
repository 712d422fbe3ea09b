using System.Text.Encodings.Web;
using Telegram.Bot;

namespace ElumentaBot.Transport;

/// <summary>
/// Tunes Telegram.Bot's shared <see cref="JsonBotAPI.Options"/> once, before its first use. The library ships a
/// source-generated context for every Bot API type but uses it only under AOT; with it first in the chain, the
/// types come precompiled instead of being built by reflection (a start-up cost paid again for each type of the
/// large <c>Message</c> graph). Text is written as UTF-8 rather than \u-escaped: Russian text is a third of the size.
/// Types the context lacks (our own requests) still fall back to reflection.
/// </summary>
public static class BotJson
{
    private static readonly Lock Sync = new();

    public static void Configure()
    {
        var options = JsonBotAPI.Options;
        lock (Sync)
        {
            if (options.IsReadOnly)
            {
                return;
            }

            options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        }
    }
}
