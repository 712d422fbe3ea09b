using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;

namespace ElumentaBot.Tests.SandboxMode;

public sealed class SandboxInlineTests
{
    [Fact]
    public async Task An_inline_query_shows_the_offered_result_and_picking_it_edits_the_sent_message_to_the_answer()
    {
        var output = new StringWriter();

        var exit = await SandboxRunner.RunAsync(["--sandbox", "--db", BotHarness.NewDatabasePath(), "--lang", "en"],
            new StringReader("/start\n@bot\n@bot Why is the sky blue?\n1\n/balance\n/quit\n"), output, piped: true).WaitAsync(TimeSpan.FromSeconds(120));

        var transcript = output.ToString().ReplaceLineEndings("\n");
        Assert.Equal(0, exit);
        Assert.Contains("you> @bot\nbot (inline)> no results · ✍️ Type a question after the bot's name", transcript, StringComparison.Ordinal);
        Assert.Contains("bot (inline)> ┌ [1] Ask GPT-5 nano · free\n     └ Why is the sky blue?", transcript, StringComparison.Ordinal);
        Assert.Contains("you (via bot)> ❓ Why is the sky blue?\n     \n     ⏳ GPT-5 nano is thinking…", transcript, StringComparison.Ordinal);
        var final = transcript.LastIndexOf("bot (inline message edited)> ❓ Why is the sky blue?", StringComparison.Ordinal);
        Assert.True(final > 0, transcript);
        Assert.Contains("GPT-5 nano (simulated) heard you:", transcript[final..], StringComparison.Ordinal);
        Assert.Contains("[1] Open the bot", transcript[final..], StringComparison.Ordinal);
        // The pick was one request on the account (GPT-5 nano is free within the plan's limits).
        Assert.Matches(@"Requests left: 4 of 5 this hour", transcript);
    }
}
