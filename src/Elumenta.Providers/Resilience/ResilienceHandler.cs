using Elumenta.Core.Catalog;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Elumenta.Providers.Resilience;

/// <summary>
/// Runs every request of one provider's HttpClient through its pipeline and turns transport failures into
/// <see cref="ProviderException"/>. Non-streamed bodies are buffered inside the timeout so a stalled body
/// times out too.
/// </summary>
public sealed class ResilienceHandler(ProviderName provider, ProviderPipelines pipelines, CallKind? unmarked = null) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var kind = CallKinds.Of(request, unmarked);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ProviderPipelines.KindKey, kind);
        try
        {
            var outcome = await pipelines.For(provider).ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        var response = await state.Handler.SendCoreAsync(state.Request, ctx.CancellationToken);
                        if (state.Kind != CallKind.Stream)
                        {
                            await response.Content.LoadIntoBufferAsync(ctx.CancellationToken);
                        }

                        return Outcome.FromResult(response);
                    }
                    catch (Exception e)
                    {
                        return Outcome.FromException<HttpResponseMessage>(e);
                    }
                },
                context,
                (Handler: this, Request: request, Kind: kind));
            if (outcome.Exception is { } exception)
            {
                throw Translate(exception, kind, cancellationToken);
            }

            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken ct) => base.SendAsync(request, ct);

    private Exception Translate(Exception exception, CallKind kind, CancellationToken callerToken) => exception switch
    {
        OperationCanceledException when callerToken.IsCancellationRequested => exception,
        TimeoutRejectedException => new ProviderException(ProviderErrorKind.Timeout, provider,
            $"{provider} did not answer in time ({kind}).", inner: exception),
        BrokenCircuitException broken => new ProviderException(ProviderErrorKind.Unavailable, provider,
            $"{provider} is temporarily unavailable after repeated failures.", retryAfter: broken.RetryAfter, inner: exception),
        HttpRequestException or IOException => new ProviderException(ProviderErrorKind.Unavailable, provider,
            $"{provider} could not be reached.", inner: exception),
        _ => exception,
    };
}
