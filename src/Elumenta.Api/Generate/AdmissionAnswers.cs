using System.Globalization;
using Elumenta.Api.Errors;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Limits;

namespace Elumenta.Api.Generate;

/// <summary>An admission refusal as api.md §5 documents it (nothing was reserved, counted or recorded).</summary>
public sealed class AdmissionAnswers(ModelCatalog catalog, TimeProvider clock)
{
    public IResult Refusal(HttpContext http, AdmissionResult result, GenerationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(plan);
        switch (result)
        {
            case AdmissionResult.InsufficientTokens r:
                return ApiErrors.InsufficientTokens(r.Price, r.Balance);
            case AdmissionResult.LimitReached r:
                return Limit(http, r);
            case AdmissionResult.PlanRequired r:
                return ApiErrors.InsufficientPlan($"{r.Model.Name} needs a paid plan: {string.Join(", ", r.Plans.Select(p => p.Name))}.", r.Plans.Select(p => p.Code));
            case AdmissionResult.TooManyJobs r:
                // Concurrency, not the rolling windows: no moment to name, so no Retry-After; the body says what to wait for.
                return ApiErrors.Error(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded,
                    $"{r.Limit} asynchronous jobs are already running, the most your plan runs at once; retry when one has finished.",
                    new { max_concurrent_jobs = r.Limit });
            case AdmissionResult.InvalidRequest { Reason: InvalidReason.AccountBanned }:
                return ApiErrors.Forbidden("This account is suspended.");
            case AdmissionResult.InvalidRequest { Reason: InvalidReason.PromptTooLong } r:
                return ApiErrors.Validation(plan.PromptField, $"is {r.Value} characters; {plan.Model.Slug} takes at most {r.Limit}");
            case AdmissionResult.InvalidRequest { Reason: InvalidReason.UnknownModel } r:
                return ApiErrors.Validation("model", $"unknown model '{r.Value}'");
            case AdmissionResult.InvalidRequest r:
                var allowed = r.Allowed is { Count: > 0 } list ? $"{plan.Model.Slug} takes {r.Option} = {string.Join(", ", list)}" : $"{plan.Model.Slug} does not take {r.Option}";
                return ApiErrors.Validation(r.Option ?? "params", allowed);
            default:
                throw new ArgumentException($"{result.GetType().Name} is not a refusal.", nameof(result));
        }
    }

    /// <summary>The 429 body of api.md §5 and a <c>Retry-After</c> header with the same seconds.</summary>
    private IResult Limit(HttpContext http, AdmissionResult.LimitReached r)
    {
        var plan = catalog.PlanOrFree(r.Plan);
        var seconds = (int)Math.Max(1, Math.Ceiling((r.NextSlotAt - clock.GetUtcNow()).TotalSeconds));
        var message = r.Window == LimitWindow.Hour
            ? $"Hourly limit reached: {r.Limit} requests/hour on {plan.Name} plan"
            : $"Daily limit reached: {r.Limit} requests/day on {plan.Name} plan";
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Json(new RateLimitBody(ErrorCodes.RateLimitExceeded, message, seconds, plan.Code, plan.HourlyLimit, plan.DailyLimit), statusCode: StatusCodes.Status429TooManyRequests);
    }
}
