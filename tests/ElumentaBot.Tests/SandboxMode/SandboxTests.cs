using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;

namespace ElumentaBot.Tests.SandboxMode;

public sealed class SandboxTests
{
    [Fact]
    public async Task The_sandbox_runs_the_real_bot_from_typed_lines_and_prints_its_replies()
    {
        var db = BotHarness.NewDatabasePath();
        var output = new StringWriter();

        var exit = await SandboxRunner.RunAsync(["--sandbox", "--db", db, "--lang", "ru"], new StringReader("/start\n/quit\n"), output, piped: true)
            .WaitAsync(TimeSpan.FromSeconds(90));

        var transcript = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("you> /start", transcript, StringComparison.Ordinal);
        Assert.Contains("bot> ", transcript, StringComparison.Ordinal);
        Assert.Contains("Elumenta", transcript, StringComparison.Ordinal);
        Assert.True(File.Exists(db), "the sandbox keeps its own database");
    }

    [Fact]
    public async Task A_package_can_be_bought_with_sandbox_stars()
    {
        var output = new StringWriter();

        var exit = await SandboxRunner.RunAsync(["--sandbox", "--db", BotHarness.NewDatabasePath(), "--lang", "en"], new StringReader("/buy\n1\n1\n/quit\n"), output, piped: true)
            .WaitAsync(TimeSpan.FromSeconds(90));

        var transcript = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("bot> ┌ Start: 50 tokens\n     │ 50 tokens for Elumenta's 52 AI models.", transcript.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("     └ 140 ⭐", transcript, StringComparison.Ordinal);
        Assert.Contains("[1] Pay 140 ⭐ (sandbox Stars)", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("\"amount\"", transcript, StringComparison.Ordinal);
        Assert.Contains("bot (checkout)> accepted", transcript, StringComparison.Ordinal);
        Assert.Contains("+50 tokens. Balance: 100 tokens.", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_keyboard_is_shown_once_until_it_changes_and_buttons_are_numbered_per_message()
    {
        var output = new StringWriter();

        var exit = await SandboxRunner.RunAsync(["--sandbox", "--db", BotHarness.NewDatabasePath(), "--lang", "en"],
            new StringReader("/start\n/balance\nImage\n/keyboard\n/plans\n/quit\n"), output, piped: true).WaitAsync(TimeSpan.FromSeconds(90));

        var transcript = output.ToString();
        Assert.Equal(0, exit);
        const string keyboard = "   keyboard: 💬 Chat · 🎨 Image · 🎬 Video · 🎵 Audio · 🧰 Tools · 👤 Profile · 💎 Plans";
        // Once after /start, once more only when asked with /keyboard.
        Assert.Equal(2, transcript.Split('\n').Count(l => l.TrimEnd('\r') == keyboard));
        Assert.Contains("you> /keyboard\n" + keyboard, transcript.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        // Typing a keyboard label presses it; the message's own buttons are numbered from 1.
        Assert.Contains("🎨 Image mode", transcript, StringComparison.Ordinal);
        Assert.Contains("   [1] Basic — 500 ⭐", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("[8]", transcript, StringComparison.Ordinal);
    }
}
