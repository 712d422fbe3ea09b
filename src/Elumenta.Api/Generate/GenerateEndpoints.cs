using System.Text.Json;
using Elumenta.Api.Auth;
using Elumenta.Api.Errors;
using Elumenta.Core.Generations;
using Elumenta.Providers.Http;

namespace Elumenta.Api.Generate;

/// <summary><c>/api/v2/generate</c>, <c>/generate/stream</c>, <c>/generate/{id}</c>, <c>/stt</c>, <c>/files/{id}/{index}</c> (api.md §3, §4).</summary>
public static class GenerateEndpoints
{
    public static IServiceCollection AddGenerate(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<PlanBuilder>();
        services.AddSingleton<InputDownloads>();
        services.AddSingleton<AdmissionAnswers>();
        services.AddSingleton<GenerationRunner>();
        services.AddSingleton<StreamAnswers>();
        services.AddHostedService<ApiRecovery>();
        services.AddHostedService<IdempotencyPruning>();
        services.AddHttpClient(InputDownloads.ClientName, c => c.Timeout = TimeSpan.FromMinutes(2))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<RemoteUrls>().ConnectAsync, MaxAutomaticRedirections = 3,
            });
        return services;
    }

    public static RouteGroupBuilder MapGenerate(this RouteGroupBuilder caller)
    {
        caller.MapPost("/generate", (HttpContext http, PlanBuilder plans, GenerationRunner runner, StreamAnswers streams) => GenerateAsync(http, plans, runner, streams, forceStream: false))
            .WithTags("Generate").WithSummary("One generation, any category (api.md §3); stream: true streams text (§4)").Generation(streams: false);
        caller.MapPost("/generate/stream", (HttpContext http, PlanBuilder plans, GenerationRunner runner, StreamAnswers streams) => GenerateAsync(http, plans, runner, streams, forceStream: true))
            .WithTags("Generate").WithSummary("A text generation as server-sent events (api.md §4)").Generation(streams: true);
        caller.MapGet("/generate/{id:long}", GetAsync)
            .WithTags("Generate").WithSummary("Status and result of one of your generations")
            .Produces<GenerationAnswer>().Errors(StatusCodes.Status404NotFound);
        caller.MapPost("/stt", SttEndpoint.TranscribeAsync)
            .WithTags("Generate").WithSummary("Speech to text: multipart audio (≤ 25 MB)")
            .Accepts<GenerateDocs.SttUpload>("multipart/form-data").Produces<GenerationAnswer>()
            .Errors(StatusCodes.Status400BadRequest, StatusCodes.Status402PaymentRequired, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable)
            .Produces<RateLimitBody>(StatusCodes.Status429TooManyRequests);
        caller.MapGet("/files/{id:long}/{index:int}", ResultFileEndpoint.GetAsync)
            .WithTags("Generate").WithSummary("A result file this API saved, for its owner")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Errors(StatusCodes.Status404NotFound);
        return caller;
    }

    private static async Task<IResult> GetAsync(HttpContext http, long id, GenerationStore generations)
    {
        var g = await generations.GetAsync(id, http.RequestAborted);
        return g is null || g.AccountId != http.Caller().AccountId
            ? ApiErrors.NotFound("No generation with this id.")
            : TypedResults.Ok(GenerationAnswer.From(http.Request, g));
    }

    private static async Task<IResult> GenerateAsync(HttpContext http, PlanBuilder plans, GenerationRunner runner, StreamAnswers streams, bool forceStream)
    {
        RequestFields? fields;
        try
        {
            using var doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            fields = RequestFields.From(doc.RootElement, out var problem);
            if (fields is null)
            {
                return ApiErrors.BadRequest(problem!);
            }
        }
        catch (JsonException)
        {
            return ApiErrors.BadRequest("The body is not valid JSON.");
        }

        if (!Idempotency.TryRead(http.Request, out var key, out var keyProblem))
        {
            return ApiErrors.BadRequest(keyProblem!, new Dictionary<string, string> { [Idempotency.Header] = keyProblem! });
        }

        var plan = plans.Build(fields, forceStream ? "stream" : "generate");
        var stream = forceStream || fields.Bool("stream");
        if (plan is not null && stream && plan.Chat is null)
        {
            fields.Errors["model"] = $"{plan.Model.Slug} does not stream; only text models do";
        }

        if (fields.TypeErrors.Count > 0)
        {
            return ApiErrors.BadRequest(Summary(fields.TypeErrors), fields.TypeErrors);
        }

        if (plan is null || fields.Errors.Count > 0)
        {
            return ApiErrors.Validation(fields.Errors, Summary(fields.Errors));
        }

        var (id, answer, repeat) = await runner.AdmitAsync(http, http.Caller(), plan, key, stream);
        if (answer is not null)
        {
            return answer;
        }

        if (repeat is not null)
        {
            return stream ? new Sse(ctx => streams.ReplayAsync(ctx, repeat)) : PostAnswers.Answer(http.Request, repeat);
        }

        if (stream)
        {
            return new Sse(ctx => streams.StreamAsync(ctx, id!.Value, plan));
        }

        return PostAnswers.Answer(http.Request, await runner.RunAsync(http, id!.Value, plan));
    }

    internal static string Summary(IReadOnlyDictionary<string, string> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Key} {e.Value}")) + ".";

    /// <summary>A response the handler writes itself as server-sent events.</summary>
    private sealed class Sse(Func<HttpContext, Task> write) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => write(httpContext);
    }
}
