using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;

namespace ElumentaBot.Tests.Growth;

public sealed class GrowthSandboxTests
{
    [Fact]
    public async Task Invite_and_promo_work_in_the_sandbox()
    {
        var output = new StringWriter();

        var exit = await SandboxRunner.RunAsync(["--sandbox", "--db", BotHarness.NewDatabasePath(), "--lang", "en"], new StringReader("/invite\n/promo\n/promo NOPE\n/quit\n"), output, piped: true)
            .WaitAsync(TimeSpan.FromSeconds(90));

        var transcript = output.ToString();
        Assert.Equal(0, exit);
        Assert.Matches(@"https://t\.me/elumenta_sandbox_bot\?start=ref-[a-z2-9]{10}", transcript);
        Assert.Contains("Joined through your link: 0", transcript, StringComparison.Ordinal);
        Assert.Contains("Send /promo CODE", transcript, StringComparison.Ordinal);
        Assert.Contains("There is no promo code NOPE.", transcript, StringComparison.Ordinal);
    }
}
