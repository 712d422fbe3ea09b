using Elumenta.Providers.Http;
using Elumenta.Providers.OpenAI;

namespace Elumenta.Providers.XAI;

/// <summary>
/// Grok: reasoning models reject <c>reasoning_effort</c>, penalties and <c>stop</c>, none of which the base sends;
/// bad keys come back as HTTP 400 with a string <c>error</c>, which <see cref="ErrorBody"/> reads.
/// </summary>
public sealed class XaiChat(ProviderHttp http) : OpenAICompatibleChat(http);
