using Elumenta.Api.Errors;
using Elumenta.Core.Catalog;

namespace Elumenta.Api.Models;

/// <summary>
/// <c>/api/v2/models</c>, <c>/models/{slug}</c>, <c>/models/{slug}/calculate-price</c>: the public catalog. No
/// credential is needed (prices and plans are public, as on the pricing page); a bearer sent anyway is ignored.
/// </summary>
public static class ModelEndpoints
{
    public static IServiceCollection AddModels(this IServiceCollection services) => services.AddSingleton<ModelViews>();

    public static RouteGroupBuilder MapModels(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Models");
        models.MapGet("", List)
            .WithSummary("The model catalog").WithDescription("Every model with its price range and the cheapest plan that unlocks it. `category` filters (text, image, video, music, tts, stt, audio_tool, image_tool).")
            .Produces<ModelList>().Produces<ApiErrorBody>(StatusCodes.Status422UnprocessableEntity);
        models.MapGet("/{slug}", Get)
            .WithSummary("One model with its options").WithDescription("The accepted values of each option, its default, whether it changes the price, and the price of every combination.")
            .Produces<ModelDetail>().Produces<ApiErrorBody>(StatusCodes.Status404NotFound);
        models.MapPost("/{slug}/calculate-price", Calculate)
            .WithSummary("Price a request before making it").WithDescription("Prices `params` (the options a generation would send) the way admission will, times `count`.")
            .Produces<PriceAnswer>()
            .Produces<ApiErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<ApiErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ApiErrorBody>(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static IResult List(string? category, ModelCatalog catalog, ModelViews views)
    {
        ModelCategory? wanted = null;
        if (category is not null)
        {
            if (!CatalogValidator.KnownCategories.Contains(category) || CatalogValidator.ParseCategory(category) is not { } parsed)
            {
                return ApiErrors.Validation("category", $"category must be one of: {string.Join(", ", CatalogValidator.KnownCategories)}.");
            }

            wanted = parsed;
        }

        return TypedResults.Ok(new ModelList([.. catalog.Models.Where(m => wanted is null || m.Category == wanted).Select(views.Summary)]));
    }

    private static IResult Get(string slug, ModelCatalog catalog, ModelViews views) =>
        catalog.FindModel(slug) is { } model ? TypedResults.Ok(views.Detail(model)) : UnknownModel(slug);

    private static IResult Calculate(string slug, PriceRequest? body, ModelCatalog catalog)
    {
        if (catalog.FindModel(slug) is not { } model)
        {
            return UnknownModel(slug);
        }

        var (answer, problems) = PriceCalculation.Calculate(model, body);
        return answer is not null ? TypedResults.Ok(answer) : ApiErrors.Validation(problems!, problems!.Values.First());
    }

    private static IResult UnknownModel(string slug) =>
        ApiErrors.NotFound($"There is no model '{(slug.Length > 64 ? slug[..64] : slug)}'; GET /api/v2/models lists them.");

    public sealed record ModelList(IReadOnlyList<ModelSummary> Items);
}
