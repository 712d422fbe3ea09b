using System.Globalization;
using Elumenta.Api.Auth;
using Elumenta.Api.Errors;
using Elumenta.Core.ApiKeys;
using Elumenta.Core.Catalog;
using Elumenta.Core.Storage;

namespace Elumenta.Api.Keys;

/// <summary>
/// <c>/api/v2/keys</c>: the same keys as the bot's /apikey (one <see cref="ApiKeyStore"/>). Creating one needs VIP or
/// Elite whatever the credential; listing, renaming and revoking work on any plan, so a downgraded account can still
/// clean up its keys.
/// </summary>
public static class KeyEndpoints
{
    public static IServiceCollection AddKeys(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder caller)
    {
        var keys = caller.MapGroup("/keys").WithTags("API keys");
        keys.MapGet("", ListAsync).WithSummary("Active keys").Produces<KeyList>();
        keys.MapPost("", CreateAsync)
            .WithSummary("Create a key").WithDescription($"The key is in this answer only; it is stored hashed. At most {ApiKeyStore.MaxActiveKeys} active keys (409). `name`: 1–{ApiKeyStore.MaxNameLength} characters, default \"Key n\".")
            .Produces<CreatedKey>(StatusCodes.Status201Created)
            .Produces<ApiErrorBody>(StatusCodes.Status409Conflict)
            .Produces<ApiErrorBody>(StatusCodes.Status422UnprocessableEntity);
        keys.MapPatch("/{id:long}", RenameAsync)
            .WithSummary("Rename a key")
            .Produces<KeyView>()
            .Produces<ApiErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ApiErrorBody>(StatusCodes.Status422UnprocessableEntity);
        keys.MapDelete("/{id:long}", RevokeAsync)
            .WithSummary("Revoke a key").WithDescription("It stops working at once.")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ApiErrorBody>(StatusCodes.Status404NotFound);
        return caller;
    }

    private static async Task<KeyList> ListAsync(HttpContext http, ApiKeyStore store, CancellationToken ct) =>
        new([.. (await store.ListAsync(http.Caller().AccountId, ct)).Select(View)]);

    private static async Task<IResult> CreateAsync(HttpContext http, KeyBody? body, ApiKeyStore store, ModelCatalog catalog, CancellationToken ct)
    {
        var caller = http.Caller();
        if (!catalog.PlanOrFree(caller.Account.Plan).ApiAccess)
        {
            return ApiErrors.InsufficientPlan("API keys require the VIP or Elite plan", catalog.Plans.Where(p => p.ApiAccess).Select(p => p.Code));
        }

        var name = body?.Name;
        if (name is null)
        {
            var count = (await store.ListAsync(caller.AccountId, ct)).Count;
            name = string.Create(CultureInfo.InvariantCulture, $"Key {count + 1}");
        }
        else if (Problem(name) is { } problem)
        {
            return ApiErrors.Validation("name", problem);
        }

        if (await store.CreateAsync(caller.AccountId, name, ct) is not { } created)
        {
            return ApiErrors.Conflict($"An account can have at most {ApiKeyStore.MaxActiveKeys} active API keys; revoke one first.", new { limit = ApiKeyStore.MaxActiveKeys });
        }

        http.Response.Headers.CacheControl = "no-store";
        var key = created.Key;
        return TypedResults.Created($"/api/v2/keys/{key.Id}", new CreatedKey(key.Id, key.Name, created.Secret, key.Prefix, UnixTime.FromMs(key.CreatedAt)));
    }

    private static async Task<IResult> RenameAsync(long id, HttpContext http, KeyBody? body, ApiKeyStore store, CancellationToken ct)
    {
        var problem = body?.Name is { } name ? Problem(name) : "name is required.";
        if (problem is not null)
        {
            return ApiErrors.Validation("name", problem);
        }

        return await store.RenameAsync(http.Caller().AccountId, id, body!.Name!, ct) is { } key ? TypedResults.Ok(View(key)) : NoSuchKey();
    }

    private static async Task<IResult> RevokeAsync(long id, HttpContext http, ApiKeyStore store, CancellationToken ct) =>
        await store.RevokeAsync(http.Caller().AccountId, id, ct) ? TypedResults.NoContent() : NoSuchKey();

    private static string? Problem(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length is 0 or > ApiKeyStore.MaxNameLength ? $"name must have 1–{ApiKeyStore.MaxNameLength} characters."
            : trimmed.Any(char.IsControl) ? "name must not contain control characters."
            : null;
    }

    // Another account's key, a revoked one and one that never existed look the same.
    private static IResult NoSuchKey() => ApiErrors.NotFound("No such API key.");

    private static KeyView View(ApiKey key) =>
        new(key.Id, key.Prefix, key.Name, UnixTime.FromMs(key.CreatedAt), UnixTime.FromMs(key.LastUsedAt));

    public sealed record KeyBody(string? Name);

    /// <param name="Prefix">The key's first characters (<c>nb_AbCd1234</c>), to tell keys apart.</param>
    public sealed record KeyView(long Id, string Prefix, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

    public sealed record KeyList(IReadOnlyList<KeyView> Items);

    /// <param name="Key">The secret: shown here once, never again.</param>
    public sealed record CreatedKey(long Id, string Name, string Key, string Prefix, DateTimeOffset CreatedAt);
}
