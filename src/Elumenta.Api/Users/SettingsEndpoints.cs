using System.Text.Json;
using Elumenta.Api.Auth;
using Elumenta.Api.Errors;
using Elumenta.Api.Hosting;
using Elumenta.Core.Accounts;
using Elumenta.Core.Storage;

namespace Elumenta.Api.Users;

/// <summary><c>GET, PATCH /api/v2/user/settings</c>: the preferences the bot's /settings and /lang change.</summary>
public static class SettingsEndpoints
{
    public static void MapSettings(this RouteGroupBuilder user)
    {
        user.MapGet("/settings", (HttpContext http) => SettingsRules.Read(http.Caller().Account))
            .WithSummary("Preferences shared with the bot")
            .Produces<SettingsAnswer>();
        user.MapPatch("/settings", PatchAsync)
            .WithSummary("Change some preferences")
            .WithDescription("Partial: only the fields sent change. `language` is `en` or `ru` (the bot then keeps it over Telegram's); "
                + "`image_format` `webp`, `png` or `jpeg`; `default_image_size` a size or resolution some image model offers; null resets either to each model's default. "
                + "Any invalid field: 422 and nothing changes.")
            .AddOpenApiOperationTransformer((operation, context, ct) => OperationDocs.JsonBodyAsync(operation, context, typeof(SettingsPatch), ct))
            .Produces<SettingsAnswer>()
            .Produces<ApiErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<ApiErrorBody>(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> PatchAsync(HttpContext http, JsonElement body, SettingsRules rules, Store store, AccountService accounts, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ApiErrors.BadRequest("The body must be a JSON object of the settings to change.");
        }

        var (change, problems) = rules.Parse(body);
        if (change is null)
        {
            return ApiErrors.Validation(problems, problems.Count == 1 ? problems.Values.First() : "Some settings are invalid; nothing was changed.");
        }

        var accountId = http.Caller().AccountId;
        // One transaction: every field changes, or (an error) none does.
        await store.WriteAsync(async (c, t) =>
        {
            if (change.Language is { } language)
            {
                await accounts.SetLanguageAsync(c, t, accountId, language, ct);
            }

            if (change.NotificationsEnabled is { } enabled)
            {
                await accounts.SetNotificationsAsync(c, t, accountId, enabled, ct);
            }

            await accounts.SetSettingKeysAsync(c, t, accountId, change.BotKeys, ct);
        }, ct);
        var account = await accounts.FindAsync(accountId, ct) ?? http.Caller().Account;
        return TypedResults.Ok(SettingsRules.Read(account));
    }

    /// <summary>The PATCH body as documented (every field optional).</summary>
    public sealed record SettingsPatch(string? Language, string? ImageFormat, bool? NotificationsEnabled, string? DefaultImageSize);
}
