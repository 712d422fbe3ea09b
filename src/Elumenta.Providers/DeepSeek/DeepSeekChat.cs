using Elumenta.Providers.Http;
using Elumenta.Providers.OpenAI;

namespace Elumenta.Providers.DeepSeek;

/// <summary><c>deepseek-chat</c> / <c>deepseek-reasoner</c>: reasoning arrives as <c>delta.reasoning_content</c> first.</summary>
public sealed class DeepSeekChat(ProviderHttp http) : OpenAICompatibleChat(http);
