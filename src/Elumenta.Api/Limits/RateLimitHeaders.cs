using System.Globalization;
using Elumenta.Core.Limits;

namespace Elumenta.Api.Limits;

/// <summary>
/// The five <c>X-RateLimit-*</c> headers of api.md §5 on every authenticated response, measured as the response
/// starts (so they include the request being answered). Elite (unlimited) sends none.
/// </summary>
public sealed class RateLimitHeaders(RateLimiter limiter, TimeProvider clock)
{
    public void Attach(HttpContext context, long accountId)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(async () =>
        {
            var status = await limiter.GetStatusAsync(accountId, CancellationToken.None);
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
