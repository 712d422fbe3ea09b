using System.Globalization;
using Elumenta.Api.Errors;
using Elumenta.Core.Generations;

namespace Elumenta.Api.Generate;

/// <summary>
/// What the POST answers for a generation, the first time and on every repeat of its Idempotency-Key: 200 finished,
/// 202 pending (async, with a Location to poll), the documented error if it failed (released, never charged).
/// </summary>
public static class PostAnswers
{
    public static IResult Answer(HttpRequest request, Generation g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var answer = GenerationAnswer.From(request, g);
        if (g.Status == GenerationStatus.Completed)
        {
            return TypedResults.Ok(answer);
        }

        if (g.Status == GenerationStatus.Pending)
        {
            return TypedResults.Accepted(string.Create(CultureInfo.InvariantCulture, $"{request.PathBase}/api/v2/generate/{g.Id}"), answer);
        }

        var details = new { generation_id = g.Id, kind = g.Status == GenerationStatus.Canceled ? "canceled" : g.ErrorKind };
        return g.ErrorKind switch
        {
            "invalid_input" => ApiErrors.Error(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ValidationError, answer.Error!, details),
            "unavailable" => ApiErrors.Error(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ModelUnavailable, answer.Error!, details),
            _ => ApiErrors.Error(StatusCodes.Status500InternalServerError, ErrorCodes.ProviderError, answer.Error!, details),
        };
    }
}
