using Elumenta.Core.Accounts;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Profile;

/// <summary><c>/lang</c> offers both languages as buttons (<c>/lang en</c> switches at once); <c>lang:</c> buttons switch.</summary>
public sealed class LanguageHandler(LanguageSwitch languages, CurrentUser user, Localizer texts)
{
    public const string Prefix = "lang";

    public async Task CommandAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message)
        {
            return;
        }

        var wanted = context.CommandArgument.ToLowerInvariant();
        if (Languages.IsSupported(wanted))
        {
            await languages.SwitchAsync(context, message.Chat.Id, message.Chat.IsPrivate(), wanted, ct);
        }
        else
        {
            await context.SendAsync(message.Chat.Id, Chooser(), ct);
        }
    }

    public async Task CallbackAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Callback is not { } query)
        {
            return;
        }

        if (context.CallbackParts(Prefix) is [_, var code] && Languages.IsSupported(code))
        {
            await context.AnswerAsync(query, ct: ct);
            await languages.SwitchAsync(context, query.Message?.Chat.Id ?? query.From.Id, query.Message?.Chat.IsPrivate() ?? true, code, ct);
            await context.ShowAsync(query, new Screen(texts.Get(user.Language, "lang.chosen")), ct);
        }
        else
        {
            await context.AnswerAsync(query, texts.Get(user.Language, "lang.stale"), ct: ct);
        }
    }

    private Screen Chooser() => new(
        texts.Get(user.Language, "lang.choose"),
        new InlineKeyboardMarkup([[Screen.Button(texts.Get(user.Language, "lang.button_ru"), "lang:ru"), Screen.Button(texts.Get(user.Language, "lang.button_en"), "lang:en")]]));
}
