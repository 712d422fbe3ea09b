using System.Collections.Concurrent;
using System.Text;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ElumentaBot.Onboarding;

/// <summary><c>/help</c> (modes, commands, tokens and limits, groups) and <c>/terms</c> (from configuration).</summary>
public sealed class HelpHandler(Localizer texts, CurrentUser user, IOptions<TermsOptions> terms, HelpPages pages)
{
    private const int MaxMessageChars = 4000;

    private static readonly string[] HelpSections = ["help.modes", "help.commands", "help.growth", "help.tokens", "help.groups"];

    public Task HelpAsync(UpdateContext context, CancellationToken ct) =>
        SendAsync(context, pages.For(user.Language, lang => string.Join("\n\n", HelpSections.Select(k => texts.Get(lang, k)))), ct);

    public Task TermsAsync(UpdateContext context, CancellationToken ct) =>
        SendAsync(context, [.. Split(terms.Value.For(user.Language) is { Length: > 0 } configured ? configured : texts.Get(user.Language, "help.terms_missing"))], ct);

    private static async Task SendAsync(UpdateContext context, IReadOnlyList<string> parts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message)
        {
            return;
        }

        foreach (var part in parts)
        {
            await context.Bot.SendMessage(message.Chat.Id, part, cancellationToken: ct);
        }
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

/// <summary>The /help text split into messages, built once per language: it never changes while the bot runs.</summary>
public sealed class HelpPages
{
    private readonly ConcurrentDictionary<string, string[]> _pages = new(StringComparer.Ordinal);

    public IReadOnlyList<string> For(string language, Func<string, string> build) =>
        _pages.GetOrAdd(language, lang => [.. HelpHandler.Split(build(lang))]);
}
