using System.Diagnostics;
using Elumenta.Core.Catalog;
using Elumenta.Core.Observability;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Elumenta.Providers.Resilience;

/// <summary>
/// Runs every request of one provider's HttpClient through its pipeline and turns transport failures into
/// <see cref="ProviderException"/>. Non-streamed bodies are buffered inside the timeout so a stalled body
/// times out too.
/// </summary>
public sealed class ResilienceHandler(ProviderName provider, ProviderPipelines pipelines, CallKind? unmarked = null, ElumentaMetrics? metrics = null) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var kind = CallKinds.Of(request, unmarked);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ProviderPipelines.KindKey, kind);
        var started = Stopwatch.GetTimestamp();
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
            metrics?.ProviderCall(provider.ToString(), OutcomeOf(outcome.Result, outcome.Exception, cancellationToken), Stopwatch.GetElapsedTime(started));
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

    private static string OutcomeOf(HttpResponseMessage? response, Exception? exception, CancellationToken callerToken) => exception switch
    {
        null => (int?)response?.StatusCode switch { >= 500 => "http_5xx", >= 400 => "http_4xx", _ => "ok" },
        OperationCanceledException when callerToken.IsCancellationRequested => "canceled",
        TimeoutRejectedException => "timeout",
        BrokenCircuitException or HttpRequestException or IOException => "unavailable",
        _ => "error",
    };

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
