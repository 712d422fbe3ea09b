using Elumenta.Core.Accounts;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Onboarding;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Profile;

/// <summary><c>/lang</c> offers both languages as buttons (<c>/lang en</c> switches at once); <c>lang:</c> buttons switch.</summary>
public sealed class LanguageHandler(LanguageSwitch languages, CurrentUser user, Localizer texts)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command == "lang" && context.Message is { } message && user.Account is not null)
        {
            var wanted = context.CommandArgument.ToLowerInvariant();
            if (Languages.IsSupported(wanted))
            {
                await languages.SwitchAsync(context, message.Chat.Id, message.Chat.IsPrivate(), wanted, ct);
            }
            else
            {
                await context.SendAsync(message.Chat.Id, Chooser(), ct);
            }

            return true;
        }

        if (context.CallbackParts("lang") is not { } parts || context.Update.CallbackQuery is not { } query)
        {
            return false;
        }

        if (parts is [_, var code] && Languages.IsSupported(code))
        {
            await context.AnswerAsync(query, cancellationToken: ct);
            await context.ShowAsync(query, new Screen(texts.Get(code, "lang.chosen")), ct);
            await languages.SwitchAsync(context, query.Message?.Chat.Id ?? query.From.Id, query.Message?.Chat.IsPrivate() ?? true, code, ct);
        }
        else
        {
            await context.AnswerAsync(query, texts.Get(user.Language, "lang.stale"), cancellationToken: ct);
        }

        return true;
    }

    private Screen Chooser() => new(
        texts.Get(user.Language, "lang.choose"),
        new InlineKeyboardMarkup([[Screen.Button(texts.Get(user.Language, "lang.button_ru"), "lang:ru"), Screen.Button(texts.Get(user.Language, "lang.button_en"), "lang:en")]]));
}
