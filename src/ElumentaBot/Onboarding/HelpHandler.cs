using System.Text;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Onboarding;

/// <summary><c>/help</c> (modes, commands, tokens and limits, groups) and <c>/terms</c> (from configuration).</summary>
public sealed class HelpHandler(Localizer texts, CurrentUser user, IOptions<TermsOptions> terms)
{
    private const int MaxMessageChars = 4000;

    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command is not ("help" or "terms") || context.Message is not { } message)
        {
            return false;
        }

        var language = user.Language;
        var text = context.Command == "help"
            ? string.Join("\n\n", new[] { "help.modes", "help.commands", "help.tokens", "help.groups" }.Select(k => texts.Get(language, k)))
            : terms.Value.For(language) is { Length: > 0 } configured ? configured : texts.Get(language, "help.terms_missing");
        foreach (var part in Split(text))
        {
            await context.Bot.SendMessage(message.Chat.Id, part, cancellationToken: ct);
        }

        return true;
    }

    /// <summary>Whole paragraphs per message, so a long text never breaks mid-sentence at Telegram's limit.</summary>
    internal static IEnumerable<string> Split(string text)
    {
        var current = new StringBuilder();
        foreach (var paragraph in text.Split("\n\n"))
        {
            if (current.Length > 0 && current.Length + 2 + paragraph.Length > MaxMessageChars)
            {
                yield return current.ToString();
                current.Clear();
            }

            current.Append(current.Length > 0 ? "\n\n" : "").Append(paragraph.Length > MaxMessageChars ? paragraph[..MaxMessageChars] : paragraph);
        }

        yield return current.ToString();
    }
}
