using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Dapper;
using Elumenta.Api.Auth;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Core.Accounts;
using Elumenta.Core.Storage;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Elumenta.Api.Tests.Generate;

/// <summary>What the generate tests share: posting bodies, a web-session bearer for any plan, and looks into the store.</summary>
internal static class GenerateSupport
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, object body, string? key = null, string path = "/api/v2/generate")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var response = await client.SendAsync(request);
        return (response, await ReadAsync(response));
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostRawAsync(HttpClient client, string json)
    {
        var response = await client.PostAsync("/api/v2/generate", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response, await ReadAsync(response));
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// A web-session access token as the session endpoints issue it (same key, issuer, audience and claims as
    /// <see cref="ApiClaims"/> describes): sessions work on every plan, so free and basic accounts can call the API.
    /// </summary>
    public static async Task<(Account Account, HttpClient Client)> CreateSessionClientAsync(ApiServer server, long telegramUserId, string plan = "free")
    {
        var account = await server.CreateAccountAsync(telegramUserId, plan);
        var now = (server.Clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "elumenta",
            Audience = "elumenta-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(15),
            Subject = new ClaimsIdentity(
            [
                new Claim(ApiClaims.Subject, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ApiClaims.Via, ApiClaims.ViaSession),
                new Claim(ApiClaims.SessionVersion, account.SessionVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ApiServer.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        return (account, server.NewClient(token));
    }

    public static async Task<int> BalanceAsync(ApiServer server, long accountId) =>
        (await server.Get<AccountService>().FindAsync(accountId))!.Balance;

    public static Task<int> GenerationCountAsync(ApiServer server, long accountId) =>
        server.Get<Store>().ReadAsync(c => c.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM generations WHERE account_id = @accountId", new { accountId }));

    public static Task<string> StatusAsync(ApiServer server, long generationId) =>
        server.Get<Store>().ReadAsync(c => c.ExecuteScalarAsync<string>(
            "SELECT status FROM generations WHERE id = @generationId", new { generationId }))!;

    /// <summary>GET /generate/{id} until it is no longer pending (bounded: the simulated job settles on its first poll).</summary>
    public static async Task<JsonElement> PollUntilSettledAsync(HttpClient client, long id)
    {
        for (var i = 0; i < 400; i++)
        {
            var body = await ReadAsync(await client.GetAsync($"/api/v2/generate/{id}"));
            if (body.GetProperty("status").GetString() != "pending")
            {
                return body;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Generation {id} stayed pending.");
    }
}
