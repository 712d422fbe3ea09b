using System.Globalization;
using Elumenta.Core.Catalog;
using Elumenta.Core.Limits;

namespace Elumenta.Api.Limits;

/// <summary>
/// The five <c>X-RateLimit-*</c> headers of api.md §5 on every authenticated response, measured as the response
/// starts (so they include the request being answered). Elite (unlimited) sends none. A generation's admission
/// measured the windows in its own transaction (<see cref="AdmittedLimits"/>): those figures are used as they are.
/// </summary>
public sealed class RateLimitHeaders(RateLimiter limiter, TimeProvider clock)
{
    /// <param name="plan">The caller's plan as read at the start of this request.</param>
    public void Attach(HttpContext context, long accountId, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(async () =>
        {
            // After an admission ran, the plan may have changed in it (a plan past its end is ended there).
            var status = context.Features.Get<AdmittedLimits>() is { } admission
                ? admission.Status ?? await limiter.GetStatusAsync(accountId, CancellationToken.None)
                : await limiter.GetStatusAsync(accountId, plan, CancellationToken.None);
            Write(context.Response.Headers, status);
        });
    }

    public void Write(IHeaderDictionary headers, LimitStatus status)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(status);
        if (status.HourLimit is null && status.DayLimit is null)
        {
            return;
        }

        // A plan with one window unlimited reports 0 for it, as api.md's user/me does.
        headers["X-RateLimit-Limit-Hour"] = Number(status.HourLimit ?? 0);
        headers["X-RateLimit-Remaining-Hour"] = Number(status.HourRemaining ?? 0);
        headers["X-RateLimit-Limit-Day"] = Number(status.DayLimit ?? 0);
        headers["X-RateLimit-Remaining-Day"] = Number(status.DayRemaining ?? 0);
        var reset = (status.HourOldestAt?.AddHours(1) ?? clock.GetUtcNow()).ToUnixTimeSeconds();
        headers["X-RateLimit-Reset-Hour"] = Number(reset);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// That an admission ran in this request, and the windows as it left them (this request counted); null when it
/// refused, or when the generation failed and gave its slot back: the headers are then measured afresh.
/// </summary>
public sealed class AdmittedLimits
{
    public LimitStatus? Status { get; set; }
}
