using Elumenta.Core.Catalog;
using Elumenta.Providers;

namespace Elumenta.Api.Generate;

/// <summary>
/// A validated request, ready for admission: the model, the prompt admission measures, the options it prices, and
/// the provider call to make once admitted (a chat stream for text, one call otherwise).
/// </summary>
public sealed record GenerationPlan(Model Model, string? Prompt, IReadOnlyDictionary<string, string> Options)
{
    public ChatRequest? Chat { get; init; }

    public Func<ModelRouter, CancellationToken, Task<ProviderOutcome>>? Call { get; init; }

    /// <summary>The field a prompt that is too long is reported under (<c>prompt</c>, <c>text</c>, <c>messages</c>).</summary>
    public string PromptField { get; init; } = "prompt";

    /// <summary>The request's digest for <c>Idempotency-Key</c>.</summary>
    public string Hash { get; init; } = "";
}
