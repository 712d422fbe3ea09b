using ElumentaBot.BotApi;

namespace ElumentaBot.Dispatch;

/// <summary>Greets <c>/start</c> in the user's language. The product's onboarding replaces it.</summary>
public sealed class StartHandler : IUpdateHandler
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command != "start" || context.Message is not { } message)
        {
            return false;
        }

        var language = TransportTexts.LanguageOf(message.From?.LanguageCode);
        await context.Bot.SendMessage(message.Chat.Id, TransportTexts.Greeting(language, message.From?.FirstName), ct: ct);
        return true;
    }
}

/// <summary>The transport's only user-facing text; the i18n work replaces this with its catalog.</summary>
public static class TransportTexts
{
    /// <summary><c>ru</c> for Telegram's ru, uk, be and kk; otherwise (or when missing) <c>en</c>.</summary>
    public static string LanguageOf(string? languageCode) =>
        languageCode?.Split('-')[0].ToLowerInvariant() is "ru" or "uk" or "be" or "kk" ? "ru" : "en";

    public static string Greeting(string language, string? firstName) => language == "ru"
        ? $"Привет, {firstName ?? "друг"}! Я Elumenta — ИИ-бот для текста, картинок, видео и звука. Напишите, что нужно сделать."
        : $"Hi, {firstName ?? "there"}! I'm Elumenta, an AI bot for text, images, video and audio. Tell me what you need.";
}
