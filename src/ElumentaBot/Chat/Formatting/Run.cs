namespace ElumentaBot.Chat.Formatting;

/// <summary>One element of Telegram HTML. Identity matters: two adjacent runs share an element only
/// when they hold the same instance, so separate code blocks never merge.</summary>
internal sealed class Tag(string name, string? attributes = null)
{
    public string Name { get; } = name;

    public string? Attributes { get; } = attributes;

    public bool IsPre => Name == "pre";

    public string Open => Attributes is null ? $"<{Name}>" : $"<{Name} {Attributes}>";

    public string Close => $"</{Name}>";
}

/// <summary>Visible text with the elements it sits in, outermost first.</summary>
internal readonly record struct Run(string Text, Tag[] Tags);
