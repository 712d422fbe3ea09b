using System.Globalization;
using Elumenta.Api.Auth;
using Elumenta.Api.Errors;
using Elumenta.Api.Generate;
using Elumenta.Api.Hosting;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Storage;
using Microsoft.OpenApi;

namespace Elumenta.Api.Users;

/// <summary><c>GET /api/v2/user/history</c>: the account's generations, from the bot and the API alike, newest first.</summary>
public static class HistoryEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    private static readonly string[] Statuses = [GenerationStatus.Pending, GenerationStatus.Completed, GenerationStatus.Failed, GenerationStatus.Canceled];

    public static void MapHistory(this RouteGroupBuilder user) =>
        user.MapGet("/history", HistoryAsync)
            .WithSummary("Generations, newest first")
            .WithDescription($"`page` from 1, `limit` 1–{MaxLimit} (default {DefaultLimit}); `type` a category, `model` a slug, `status` pending, completed, failed or canceled. Bad values: 422.")
            .Produces<HistoryAnswer>()
            .Produces<ApiErrorBody>(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                OperationDocs.Query(operation, "page", "Page number, from 1.", OperationDocs.Integer(1, null, 1));
                OperationDocs.Query(operation, "limit", $"Items per page, at most {MaxLimit}.", OperationDocs.Integer(1, MaxLimit, DefaultLimit));
                OperationDocs.Query(operation, "type", "Only this category.", OperationDocs.OneOf(CatalogValidator.KnownCategories));
                OperationDocs.Query(operation, "model", "Only this model (slug).", new OpenApiSchema { Type = JsonSchemaType.String });
                OperationDocs.Query(operation, "status", "Only this status.", OperationDocs.OneOf(Statuses));
                return Task.CompletedTask;
            });

    private static async Task<IResult> HistoryAsync(
        HttpContext http, string? page, string? limit, string? type, string? model, string? status, GenerationHistory history, CancellationToken ct)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var pageNumber = Number(page, 1, "page", 1, int.MaxValue, problems);
        var size = Number(limit, DefaultLimit, "limit", 1, MaxLimit, problems);
        string? category = null;
        if (type is not null)
        {
            category = CatalogValidator.KnownCategories.Contains(type) ? CatalogValidator.ParseCategory(type)?.ToString() : null;
            if (category is null)
            {
                problems["type"] = $"type must be one of: {string.Join(", ", CatalogValidator.KnownCategories)}.";
            }
        }

        if (status is not null && !Statuses.Contains(status))
        {
            problems["status"] = $"status must be one of: {string.Join(", ", Statuses)}.";
        }

        if (model is { Length: 0 or > 64 })
        {
            problems["model"] = "model must be a model slug.";
        }

        if (problems.Count > 0)
        {
            return ApiErrors.Validation(problems, problems.Count == 1 ? problems.Values.First() : "Some query parameters are invalid.");
        }

        // A page past the last one is empty, not an error (as with any list that may shrink between two requests).
        var offset = (long)(pageNumber - 1) * size;
        var result = offset > int.MaxValue
            ? new HistoryPage([], 0)
            : await history.PageAsync(http.Caller().AccountId, new HistoryFilter(category, model, status), (int)offset, size, ct);
        var total = result.Total;
        return TypedResults.Ok(new HistoryAnswer(
            [.. result.Items.Select(g => Item(http.Request, g))], total, pageNumber, size, (total + size - 1) / size));
    }

    private static int Number(string? raw, int fallback, string name, int min, int max, Dictionary<string, string> problems)
    {
        if (raw is null)
        {
            return fallback;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems[name] = max == int.MaxValue ? $"{name} must be a whole number from {min}." : $"{name} must be a whole number from {min} to {max}.";
        return fallback;
    }

    private static HistoryItem Item(HttpRequest request, Generation g) => new(
        g.Id, CatalogValidator.ParseCategory(g.Category), g.ModelSlug, g.Status, g.Prompt,
        ResultLinks.PublicUrl(request, g), g.TokensSpent, UnixTime.FromMs(g.CreatedAt));

    /// <param name="Type">The model's category; null only for a record of a category this version does not know.</param>
    /// <param name="Url">The result's link (a provider's https URL, or this API's file link for a saved result).</param>
    /// <param name="TokensUsed">What the generation cost: 0 while pending and when it failed.</param>
    public sealed record HistoryItem(long Id, ModelCategory? Type, string Model, string Status, string? Prompt, string? Url, int TokensUsed, DateTimeOffset CreatedAt);

    public sealed record HistoryAnswer(IReadOnlyList<HistoryItem> Items, int Total, int Page, int Limit, int Pages);
}
