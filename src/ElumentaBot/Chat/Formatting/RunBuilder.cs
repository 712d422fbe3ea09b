using System.Text;

namespace ElumentaBot.Chat.Formatting;

/// <summary>Collects runs. A break between blocks is owed, not written, until visible text follows,
/// so output never starts or ends with separators and empty blocks leave no blank lines. The
/// separator keeps the tags and indentation in force when it was asked for, not those of the next block.</summary>
internal sealed class RunBuilder(bool plain)
{
    private readonly List<Run> runs = [];
    private readonly List<Tag> stack = [];
    private readonly List<string> indents = [];
    private Tag[]? snapshot;
    private string indent = "";
    private int owedNewlines;
    private int owedDepth;
    private string owedIndent = "";

    public bool Plain => plain;

    public IReadOnlyList<Run> Runs => runs;

    public bool IsInside(string tagName) => stack.Exists(t => t.Name == tagName);

    public void Push(Tag tag)
    {
        stack.Add(tag);
        snapshot = null;
    }

    public void Pop()
    {
        stack.RemoveAt(stack.Count - 1);
        snapshot = null;
        owedDepth = Math.Min(owedDepth, stack.Count);
    }

    public void PushIndent(string prefix)
    {
        indents.Add(prefix);
        indent = string.Concat(indents);
    }

    public void PopIndent()
    {
        indents.RemoveAt(indents.Count - 1);
        indent = string.Concat(indents);
    }

    /// <summary>Asks for the next content to start after <paramref name="newlines"/> line feeds.</summary>
    public void Break(int newlines)
    {
        if (owedNewlines == 0)
        {
            owedDepth = stack.Count;
            owedIndent = indent;
        }

        owedNewlines = Math.Max(owedNewlines, newlines);
    }

    public void LineBreak() => Text("\n");

    /// <summary>Inline text; its line feeds continue the current indentation.</summary>
    public void Text(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                Emit("\n" + indent);
            }

            Emit(lines[i]);
        }
    }

    /// <summary>Preformatted text, written exactly as given.</summary>
    public void Raw(string text) => Emit(text);

    public string ToPlainString()
    {
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            text.Append(run.Text);
        }

        return text.ToString();
    }

    private void Emit(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (owedNewlines > 0 && runs.Count > 0)
        {
            runs.Add(new Run(new string('\n', owedNewlines) + owedIndent, plain ? [] : [.. stack.Take(owedDepth)]));
        }

        owedNewlines = 0;
        snapshot ??= plain ? [] : [.. stack];
        runs.Add(new Run(text, snapshot));
    }
}
