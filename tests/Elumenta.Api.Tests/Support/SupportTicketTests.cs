using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Api.Tests.Users;
using Elumenta.Core.Generations;
using Elumenta.Core.Support;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Api.Tests.Support;

public sealed class SupportTicketTests
{
    // Obviously fake service keys, long enough for the start-up check.
    private const string ServiceKey = "support-bot-service-key-for-tests-000000";
    private const string RotatedKey = "support-bot-service-key-for-tests-111111";

    private static readonly Dictionary<string, string?> Keys = new()
    {
        ["Api:ServiceKeys:0"] = ServiceKey,
        ["Api:ServiceKeys:1"] = RotatedKey,
    };

    [Fact]
    public async Task The_support_bot_reads_a_ticket_and_its_context_with_a_service_key()
    {
        await using var server = await ApiServer.StartAsync(Keys);
        var account = await server.CreateAccountAsync(6001, "vip");
        var admitted = (AdmissionResult.Admitted)await server.Get<Admission>().AdmitAsync(new AdmissionRequest(account.Id, "dall-e-3") { Prompt = "fox" });
        await server.Get<GenerationStore>().FailAsync(admitted.GenerationId, "provider", "upstream refused");
        var ticket = await server.Get<SupportTickets>().CreateAsync(account.Id, TicketReason.FailedGeneration, admitted.GenerationId);

        var response = await server.NewClient(ServiceKey).GetAsync($"/api/v2/support/tickets/{ticket.Code}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-RateLimit-Limit-Hour"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ticket.Code, body.GetProperty("code").GetString());
        Assert.Equal("open", body.GetProperty("status").GetString());
        Assert.Equal("failed_generation", body.GetProperty("reason").GetString());
        Assert.Equal(account.Id, body.GetProperty("account_id").GetInt64());
        Assert.Equal(6001, body.GetProperty("telegram_user_id").GetInt64());
        Assert.Equal(admitted.GenerationId, body.GetProperty("generation_id").GetInt64());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("resolved_at").ValueKind);
        var context = body.GetProperty("context");
        Assert.Equal("vip", context.GetProperty("plan").GetString());
        Assert.Equal(1500, context.GetProperty("plan_tokens").GetInt32());
        Assert.Equal(100, context.GetProperty("hour_remaining").GetInt32()); // the failed generation gave its slot back
        var generation = context.GetProperty("last_generations").EnumerateArray().Single();
        Assert.Equal(("dall-e-3", "failed", "upstream refused"), (generation.GetProperty("model").GetString(), generation.GetProperty("status").GetString(), generation.GetProperty("error").GetString()));
        Assert.Equal(0, context.GetProperty("last_payments").GetArrayLength());
    }

    [Fact]
    public async Task Patch_marks_a_ticket_resolved_once()
    {
        await using var server = await ApiServer.StartAsync(Keys);
        var account = await server.CreateAccountAsync(6002);
        var ticket = await server.Get<SupportTickets>().CreateAsync(account.Id, TicketReason.General);
        var client = server.NewClient(RotatedKey);

        var first = await client.PatchAsync($"/api/v2/support/tickets/{ticket.Code}", null);
        var second = await Patch(client, ticket.Code, """{"status":"resolved"}""");
        var reopen = await Patch(client, ticket.Code, """{"status":"open"}""");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var resolved = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        var at = resolved.GetProperty("resolved_at").GetDateTimeOffset();
        Assert.Equal(at, (await server.Get<SupportTickets>().FindAsync(ticket.Code))!.ResolvedAt);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(at, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resolved_at").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reopen.StatusCode);
        Assert.Equal("resolved", (await (await client.GetAsync($"/api/v2/support/tickets/{ticket.Code}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_user_key_or_session_is_not_a_service_key()
    {
        await using var server = await ApiServer.StartAsync(Keys);
        var (account, _, userKey) = await server.CreateKeyClientAsync(6003, "elite");
        var ticket = await server.Get<SupportTickets>().CreateAsync(account.Id, TicketReason.General);
        var path = $"/api/v2/support/tickets/{ticket.Code}";

        var withKey = await userKey.GetAsync(path);
        var withSession = await server.SessionClient(account).PatchAsync(path, null);
        var without = await server.Client.GetAsync(path);
        var wrong = await server.NewClient("support-bot-service-key-for-tests-999999").GetAsync(path);
        var revokedUserKey = await server.NewClient("nb_" + new string('x', 45)).GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, withKey.StatusCode);
        Assert.Equal("forbidden", (await withKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, withSession.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal("not_authenticated", (await without.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revokedUserKey.StatusCode);
        Assert.Null((await server.Get<SupportTickets>().FindAsync(ticket.Code))!.ResolvedAt);
    }

    [Fact]
    public async Task Unknown_and_expired_tickets_are_404()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var server = await ApiServer.StartAsync(Keys, clock);
        var account = await server.CreateAccountAsync(6004);
        var ticket = await server.Get<SupportTickets>().CreateAsync(account.Id, TicketReason.Payment);
        var client = server.NewClient(ServiceKey);

        var unknown = await client.GetAsync("/api/v2/support/tickets/t_doesnotexist");
        var malformed = await client.GetAsync("/api/v2/support/tickets/" + new string('a', 65));
        clock.Advance(SupportTickets.Lifetime + TimeSpan.FromMinutes(1));
        var expired = await client.GetAsync($"/api/v2/support/tickets/{ticket.Code}");
        var resolveExpired = await client.PatchAsync($"/api/v2/support/tickets/{ticket.Code}", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("not_found", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, resolveExpired.StatusCode);
    }

    [Theory]
    [InlineData("too-short")]
    [InlineData("nb_looks-like-a-user-key-but-is-configured-as-service")]
    public async Task A_weak_service_key_stops_the_api_at_start(string key)
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Api:ServiceKeys:0"] = key });
        });

        Assert.Contains("Api:ServiceKeys", failure?.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Patch(HttpClient client, string code, string json) =>
        client.PatchAsync($"/api/v2/support/tickets/{code}", new StringContent(json, Encoding.UTF8, "application/json"));
}
