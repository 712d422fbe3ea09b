using System.Collections.Concurrent;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Configuration;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Elumenta.Providers.Resilience;

/// <summary>
/// One pipeline per provider: retry (repeatable calls only) → circuit breaker (shared by every call to that
/// provider) → timeout (per call kind).
/// </summary>
public sealed class ProviderPipelines(IOptionsMonitor<ProviderOptions> options, TimeProvider clock)
{
    internal static readonly ResiliencePropertyKey<CallKind> KindKey = new("Elumenta.CallKind");

    private readonly ConcurrentDictionary<ProviderName, (ResiliencePipeline<HttpResponseMessage> Pipeline, CircuitBreakerStateProvider State)> _pipelines = new();

    public ResiliencePipeline<HttpResponseMessage> For(ProviderName provider) => Entry(provider).Pipeline;

    /// <summary>True while the breaker refuses calls: the provider is reported unavailable at once.</summary>
    public bool IsOpen(ProviderName provider) =>
        _pipelines.TryGetValue(provider, out var entry) && entry.State.CircuitState is CircuitState.Open or CircuitState.Isolated;

    private (ResiliencePipeline<HttpResponseMessage> Pipeline, CircuitBreakerStateProvider State) Entry(ProviderName provider) =>
        _pipelines.GetOrAdd(provider, p => Build(options.Get(p.ToString())));

    private (ResiliencePipeline<HttpResponseMessage>, CircuitBreakerStateProvider) Build(ProviderOptions o)
    {
        var state = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, o.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                MaxDelay = o.RetryMaxDelay,
                ShouldHandle = args => o.MaxRetries > 0 && args.Context.Properties.GetValue(KindKey, CallKind.Create).IsRepeatable()
                    ? Transient.IsRetryableAsync(args.Outcome)
                    : ValueTask.FromResult(false),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response
                    && RetryAfter.From(response.Headers, clock) is { } hint
                        ? (TimeSpan?)(hint < o.RetryMaxDelay ? hint : o.RetryMaxDelay)
                        : null),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = o.BreakDuration,
                StateProvider = state,
                ShouldHandle = args => ValueTask.FromResult(Transient.IsProviderFault(args.Outcome)),
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(KindKey, CallKind.Create) switch
                {
                    CallKind.Stream => o.StreamTimeout,
                    CallKind.Poll or CallKind.Cancel => o.PollTimeout,
                    CallKind.Download => o.DownloadTimeout,
                    _ => o.CreateTimeout,
                }),
            })
            .Build();
        return (pipeline, state);
    }
}
