using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ElumentaBot.Sandbox;

/// <summary>
/// Shows what the bot sent (messages, edits, media, invoices) and turns typed lines into updates: text and
/// commands as messages, a number as a tap on that button. Piped input waits for the bot to go quiet.
/// </summary>
internal sealed class SandboxTerminal(FakeBot bot, TextWriter output, string language)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(1200);
    private static readonly TimeSpan FirstReply = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private readonly List<SandboxButton> _inline = [];
    private readonly List<SandboxButton> _keyboard = [];
    private int _seen;

    public string Banner =>
        "Elumenta sandbox: the real bot, a local Bot API emulator and simulated AI models. No network, no token.\n" +
        "Type a message or a /command; type a button's number to press it; /quit to leave.";

    public async Task RunAsync(TextReader input, bool piped, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (!piped)
            {
                output.Write("you> ");
            }

            var line = await input.ReadLineAsync(ct);
            if (line is null || line.Trim() is "/quit" or "/exit")
            {
                return;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (piped)
            {
                output.WriteLine($"you> {line}");
            }

            Send(line.Trim());
            await WaitForQuietAsync(ct);
        }
    }

    private void Send(string line)
    {
        var buttons = _inline.Concat(_keyboard).ToList();
        if (int.TryParse(line, out var n) && n >= 1 && n <= buttons.Count)
        {
            var button = buttons[n - 1];
            if (button.CallbackData is { } data)
            {
                bot.SendCallbackQuery(SandboxRunner.UserId, data, SandboxRunner.UserId);
            }
            else if (button.Url is { } url)
            {
                output.WriteLine($"  (opens {url})");
            }
            else
            {
                bot.SendText(SandboxRunner.UserId, button.Text, SandboxRunner.UserId, language);
            }

            return;
        }

        bot.SendText(SandboxRunner.UserId, line, SandboxRunner.UserId, language);
    }

    private async Task WaitForQuietAsync(CancellationToken ct)
    {
        var waiting = Stopwatch.StartNew();
        var idle = Stopwatch.StartNew();
        var replied = false;
        while (waiting.Elapsed < MaxWait)
        {
            await Task.Delay(100, ct);
            if (PrintNew() > 0)
            {
                replied = true;
                idle.Restart();
            }
            else if (idle.Elapsed > (replied ? Quiet : FirstReply))
            {
                return;
            }
        }
    }

    private int PrintNew()
    {
        var calls = bot.Calls;
        var printed = 0;
        for (; _seen < calls.Count; _seen++)
        {
            var call = calls[_seen];
            if (SandboxRender.Describe(call) is not { } text)
            {
                continue;
            }

            printed++;
            output.WriteLine(text);
            if (call.Parameters["reply_markup"] is { } markup)
            {
                Buttons(markup);
            }
        }

        return printed;
    }

    private void Buttons(JsonNode markup)
    {
        var node = markup is JsonValue v && v.TryGetValue<string>(out var json) ? JsonNode.Parse(json) : markup;
        if (node?["inline_keyboard"] is JsonArray rows)
        {
            _inline.Clear();
            _inline.AddRange(rows.OfType<JsonArray>().SelectMany(r => r.OfType<JsonObject>()).Select(SandboxButton.From));
        }
        else if (node?["keyboard"] is JsonArray keys)
        {
            _keyboard.Clear();
            _keyboard.AddRange(keys.OfType<JsonArray>().SelectMany(r => r.OfType<JsonObject>()).Select(SandboxButton.From));
        }

        var all = _inline.Concat(_keyboard).Select((b, i) => $"[{i + 1}] {b.Text}");
        output.WriteLine("   " + string.Join("  ", all));
    }
}

internal sealed record SandboxButton(string Text, string? CallbackData, string? Url)
{
    public static SandboxButton From(JsonObject button) =>
        new(button["text"]?.ToString() ?? "?", button["callback_data"]?.ToString(), button["url"]?.ToString());
}
