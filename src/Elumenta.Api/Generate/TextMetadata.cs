using System.Text.Json;
using Elumenta.Providers;

namespace Elumenta.Api.Generate;

/// <summary>A text answer's finish reason and token usage, kept as its <c>result_metadata</c>.</summary>
internal sealed class TextMetadata
{
    private string? _finish;
    private ChatUsage? _usage;

    public void Add(ChatDelta delta)
    {
        _finish ??= delta.FinishReason;
        _usage ??= delta.Usage;
    }

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["finish_reason"] = _finish, ["input_tokens"] = _usage?.InputTokens, ["output_tokens"] = _usage?.OutputTokens,
    });
}
