using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ElumentaBot.Sandbox;

/// <summary>
/// Shows what the bot sent (messages, edits, media, invoices) and turns typed lines into updates: text and
/// commands as messages, a number as a tap on that button. Piped input waits for the bot to go quiet.
/// </summary>
internal sealed partial class SandboxTerminal(FakeBot bot, TextWriter output, string language)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(1200);
    private static readonly TimeSpan FirstReply = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private readonly List<SandboxButton> _inline = [];
    private readonly List<SandboxButton> _keyboard = [];
    private string? _shownKeyboard;
    private TimeSpan? _nextQuiet;
    private int _seen;

    public string Banner =>
        "Elumenta sandbox: the real bot, a local Bot API emulator and simulated AI models. No network, no token.\n" +
        "Type a message or a /command; type a button's number to press it, or a keyboard button's label;\n" +
        "@bot question tries inline mode (type the result's number to send it);\n" +
        "/keyboard shows the keyboard again; /quit to leave.";

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

            if (line.Trim() == "/keyboard")
            {
                ShowKeyboard();
                continue;
            }

            await SendAsync(line.Trim(), ct);
            await WaitForQuietAsync(ct);
        }
    }

    private async Task SendAsync(string line, CancellationToken ct)
    {
        if (int.TryParse(line, out var n) && n >= 1 && n <= _inline.Count)
        {
            var button = _inline[n - 1];
            if (button.InlineResult is { } result)
            {
                Choose(result);
            }
            else if ((button.Invoice ?? (button.Url is { } link ? bot.InvoiceOfLink(link) : null)) is { } invoice)
            {
                await PayAsync(invoice, ct);
            }
            else if (button.CallbackData is { } data)
            {
                bot.SendCallbackQuery(SandboxRunner.UserId, data, SandboxRunner.UserId);
            }
            else if (button.Url is { } start && TryOpenStartLink(start))
            {
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

        if (TrySendInlineQuery(line))
        {
            return;
        }

        // A keyboard button sends its label; "Chat" presses "💬 Chat".
        var key = _keyboard.FirstOrDefault(b => b.Text == line || string.Equals(Label(b.Text), line, StringComparison.OrdinalIgnoreCase));
        bot.SendText(SandboxRunner.UserId, key?.Text ?? line, SandboxRunner.UserId, language);
    }

    private static string Label(string text) =>
        text.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space && !char.IsLetterOrDigit(text[0]) ? text[(space + 1)..] : text;

    private async Task WaitForQuietAsync(CancellationToken ct)
    {
        var waiting = Stopwatch.StartNew();
        var idle = Stopwatch.StartNew();
        var replied = false;
        var quiet = _nextQuiet ?? Quiet;
        _nextQuiet = null;
        while (waiting.Elapsed < MaxWait)
        {
            await Task.Delay(100, ct);
            if (PrintNew() > 0)
            {
                replied = true;
                idle.Restart();
            }
            else if (idle.Elapsed > (replied ? quiet : FirstReply))
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
            if (string.Equals(call.Method, "sendInvoice", StringComparison.OrdinalIgnoreCase))
            {
                ShowPayButton(call.Parameters);
            }
            else if (string.Equals(call.Method, "answerInlineQuery", StringComparison.OrdinalIgnoreCase))
            {
                ShowInlineResults(call);
            }
            else if (call.Parameters["reply_markup"] is { } markup)
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
            ShowInline();
        }
        else if (node?["keyboard"] is JsonArray keys)
        {
            _keyboard.Clear();
            _keyboard.AddRange(keys.OfType<JsonArray>().SelectMany(r => r.OfType<JsonObject>()).Select(SandboxButton.From));
            // Telegram keeps a reply keyboard until it is replaced: shown when it changes, not under every message.
            var shown = string.Join("\n", _keyboard.Select(b => b.Text));
            if (shown != _shownKeyboard)
            {
                _shownKeyboard = shown;
                ShowKeyboard();
            }
        }
        else if (node?["remove_keyboard"] is not null)
        {
            _keyboard.Clear();
            _shownKeyboard = null;
        }
    }

    private void ShowInline() =>
        output.WriteLine("   " + string.Join("  ", _inline.Select((b, i) => $"[{i + 1}] {b.Text}")));

    private void ShowKeyboard() =>
        output.WriteLine(_keyboard.Count == 0 ? "   (no keyboard)" : "   keyboard: " + string.Join(" · ", _keyboard.Select(b => b.Text)));
}

internal sealed record SandboxButton(string Text, string? CallbackData, string? Url, JsonObject? Invoice = null)
{
    public SandboxInlineResult? InlineResult { get; init; }

    public static SandboxButton From(JsonObject button) =>
        new(button["text"]?.ToString() ?? "?", button["callback_data"]?.ToString(), button["url"]?.ToString());
}
