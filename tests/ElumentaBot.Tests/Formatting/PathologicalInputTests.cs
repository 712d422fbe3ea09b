using System.Diagnostics;
using ElumentaBot.Chat.Formatting;

namespace ElumentaBot.Tests.Formatting;

/// <summary>A model in a loop can emit anything; the formatter must stay valid, bounded and quick.</summary>
public class PathologicalInputTests
{
    public static TheoryData<string> Inputs =>
    [
        new string('>', 5000) + " глубокая цитата",
        string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i * 2) + "- уровень\n")),
        new string('[', 20000) + "x" + new string(']', 20000),
        string.Concat(Enumerable.Repeat("**a *b ", 20000)),
        string.Concat(Enumerable.Repeat("`", 30000)),
        string.Concat(Enumerable.Repeat("| a ", 3000)) + "|\n" + string.Concat(Enumerable.Repeat("|---", 3000)) + "|\n",
        string.Concat(Enumerable.Repeat("<", 50000)),
        new string('x', 200_000),
    ];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Stays_valid_and_fast(string markdown)
    {
        var clock = Stopwatch.StartNew();
        var chunks = TelegramHtml.Split(markdown);
        var plain = TelegramHtml.SplitPlainMarkdown(markdown);

        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => TelegramAssert.Accepted(c, TelegramHtml.DefaultChunkLength));
        Assert.All(plain, c => Assert.InRange(c.Length, 1, TelegramHtml.DefaultChunkLength));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
