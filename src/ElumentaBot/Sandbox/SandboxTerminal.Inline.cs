using System.Text.Json.Nodes;

namespace ElumentaBot.Sandbox;

/// <summary>A result offered for an inline query; typing its number "sends" it, as tapping it in Telegram would.</summary>
internal sealed record SandboxInlineResult(string QueryId, string Query, int Index);

/// <summary>
/// Inline mode in the terminal: <c>@bot question</c> (any name ending in "bot") is an inline query, the offered
/// results are shown as a card with numbers, and a number picks one: the message is sent and then edited to the answer.
/// </summary>
internal sealed partial class SandboxTerminal
{
    // The card (SandboxRender) already numbers the results, so they are not listed again as buttons.

    /// <summary>Inline answers are edited at the group pace (~3 s); the terminal waits this long for the next edit.</summary>
    private static readonly TimeSpan InlineQuiet = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, string> _inlineQueries = [];

    private bool TrySendInlineQuery(string line)
    {
        if (line is not ['@', ..])
        {
            return false;
        }

        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? line[1..] : line[1..space];
        if (!name.EndsWith("bot", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var query = space < 0 ? "" : line[(space + 1)..].Trim();
        _inlineQueries[bot.SendInlineQuery(SandboxRunner.UserId, query, language)] = query;
        return true;
    }

    private void ShowInlineResults(FakeCall answer)
    {
        var id = answer.String("inline_query_id") ?? "";
        var query = _inlineQueries.GetValueOrDefault(id, "");
        _inline.Clear();
        var results = answer.Parameters["results"] as JsonArray ?? [];
        for (var i = 0; i < results.Count; i++)
        {
            _inline.Add(new SandboxButton(results[i]?["title"]?.ToString() ?? "?", null, null) { InlineResult = new SandboxInlineResult(id, query, i) });
        }
    }

    private void Choose(SandboxInlineResult result)
    {
        var text = (bot.InlineResults(result.QueryId)?[result.Index] as JsonObject)?["input_message_content"]?["message_text"]?.ToString() ?? "";
        bot.ChooseInlineResult(SandboxRunner.UserId, result.QueryId, result.Query, result.Index, language);
        output.WriteLine("you (via bot)> " + text.Replace("\n", "\n     ", StringComparison.Ordinal));
        _nextQuiet = InlineQuiet;
    }

    /// <summary>A deep link to this bot (<c>t.me/&lt;bot&gt;?start=x</c>) opens the private chat and sends <c>/start x</c>.</summary>
    private bool TryOpenStartLink(string url)
    {
        var marker = url.IndexOf("?start=", StringComparison.Ordinal);
        if (!url.StartsWith("https://t.me/", StringComparison.Ordinal) || marker < 0)
        {
            return false;
        }

        var command = "/start " + url[(marker + 7)..];
        output.WriteLine($"  (opens the private chat: {command})");
        bot.SendText(SandboxRunner.UserId, command, SandboxRunner.UserId, language);
        return true;
    }
}
