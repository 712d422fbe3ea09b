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
}
