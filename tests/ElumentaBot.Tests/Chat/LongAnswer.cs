using System.Text;

namespace ElumentaBot.Tests.Chat;

/// <summary>A model-like Markdown answer: headings, lists, code blocks and tables, as long as asked.</summary>
internal static class LongAnswer
{
    public static string Build(int length)
    {
        var text = new StringBuilder();
        for (var section = 1; text.Length < length - 200; section++)
        {
            text.Append("## Section ").Append(section).Append("\n\nSome **important** text with `inline code` & <angle> brackets.\n\n");
            text.Append("- first point\n- second point with _emphasis_\n\n");
            text.Append("```python\n");
            for (var line = 0; line < 12; line++)
            {
                text.Append("def f").Append(line).Append("(x):\n    return x * ").Append(line).Append("  # <tag> & more\n");
            }

            text.Append("```\n\n| name | value |\n|---|---|\n| a | 1 |\n| b | 2 |\n\n");
        }

        return text.Append("The final paragraph.\n").ToString();
    }
}
