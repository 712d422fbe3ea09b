using System.Text;

namespace ElumentaBot.Chat.Formatting;

/// <summary>Collects runs. Breaks between blocks are owed, not written, until more content arrives,
/// so output never starts or ends with separators and separators sit outside the next block's tags.</summary>
internal sealed class RunBuilder(bool plain)
{
    private readonly List<Run> runs = [];
    private readonly List<Tag> stack = [];
    private readonly List<string> indents = [];
    private Tag[]? snapshot;
    private string indent = "";
    private int owedNewlines;

    public bool Plain => plain;

    public IReadOnlyList<Run> Runs => runs;

    public bool IsInside(string tagName) => stack.Exists(t => t.Name == tagName);

    public void Push(Tag tag)
    {
        Flush();
        stack.Add(tag);
        snapshot = null;
    }

    public void Pop()
    {
        stack.RemoveAt(stack.Count - 1);
        snapshot = null;
    }

    /// <summary>Indents the lines that follow; a break already owed keeps the outer indentation.</summary>
    public void PushIndent(string prefix)
    {
        Flush();
        indents.Add(prefix);
        indent = string.Concat(indents);
    }

    public void PopIndent()
    {
        indents.RemoveAt(indents.Count - 1);
        indent = string.Concat(indents);
    }

    /// <summary>Asks for the next content to start after <paramref name="newlines"/> line feeds.</summary>
    public void Break(int newlines) => owedNewlines = Math.Max(owedNewlines, newlines);

    public void LineBreak()
    {
        Flush();
        Emit("\n" + indent);
    }

    /// <summary>Inline text; its line feeds continue the current indentation.</summary>
    public void Text(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        Flush();
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
    public void Raw(string text)
    {
        Flush();
        Emit(text);
    }

    public string ToPlainString()
    {
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            text.Append(run.Text);
        }

        return text.ToString();
    }

    private void Flush()
    {
        if (owedNewlines > 0 && runs.Count > 0)
        {
            Emit(new string('\n', owedNewlines) + indent);
        }

        owedNewlines = 0;
    }

    private void Emit(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        snapshot ??= plain ? [] : [.. stack];
        runs.Add(new Run(text, snapshot));
    }
}
