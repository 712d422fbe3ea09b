using Elumenta.Api.Errors;

namespace Elumenta.Api.Generate;

/// <summary>What the OpenAPI document says of the generate endpoints: the bodies they read and every answer they give.</summary>
internal static class GenerateDocs
{
    public static RouteHandlerBuilder Generation(this RouteHandlerBuilder builder, bool streams) =>
        builder.Accepts<GenerateRequest>("application/json")
            .Produces<GenerationAnswer>(StatusCodes.Status200OK, streams ? "text/event-stream" : "application/json")
            .Produces<GenerationAnswer>(StatusCodes.Status202Accepted)
            .Errors(StatusCodes.Status400BadRequest, StatusCodes.Status402PaymentRequired, StatusCodes.Status403Forbidden,
                StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status500InternalServerError,
                StatusCodes.Status503ServiceUnavailable)
            .Produces<RateLimitBody>(StatusCodes.Status429TooManyRequests);

    public static RouteHandlerBuilder Errors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<ApiErrorBody>(status);
        }

        return builder;
    }

    /// <summary>
    /// The body of <c>POST /api/v2/generate</c> for the reference page; the endpoint reads it field by field (flat or
    /// in <c>params</c>, flat winning) and refuses, per field, what the model does not take.
    /// </summary>
    public sealed record GenerateRequest(
        string Model,
        Dictionary<string, object>? Params,
        bool? Stream,
        IReadOnlyList<ChatMessage>? Messages,
        string? Prompt,
        string? System,
        double? Temperature,
        int? MaxTokens,
        string? NegativePrompt,
        string? Size,
        string? Quality,
        string? Style,
        string? Format,
        long? Seed,
        string? ImageUrl,
        string? Duration,
        string? Resolution,
        string? AspectRatio,
        string? Text,
        string? VoiceId,
        double? Speed,
        string? AudioUrl,
        string? SecondImageUrl,
        string? MaskUrl);

    /// <param name="Role"><c>system</c>, <c>user</c> or <c>assistant</c>.</param>
    /// <param name="Content">A string, or parts: <c>{type:"text", text}</c>, <c>{type:"image_url", image_url:{url}}</c> (vision models).</param>
    public sealed record ChatMessage(string Role, object Content);

    /// <summary>The multipart form of <c>POST /api/v2/stt</c>.</summary>
    public sealed record SttUpload(IFormFile Audio, string? Model, string? Language, bool? Diarize);
}
