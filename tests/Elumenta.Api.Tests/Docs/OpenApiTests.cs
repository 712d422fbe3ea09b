using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Elumenta.Api.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Elumenta.Api.Tests.Docs;

public sealed partial class OpenApiTests
{
    private static readonly string[] LimitHeaders =
        ["X-RateLimit-Limit-Hour", "X-RateLimit-Remaining-Hour", "X-RateLimit-Limit-Day", "X-RateLimit-Remaining-Day", "X-RateLimit-Reset-Hour"];

    [Fact]
    public async Task The_document_describes_every_api_route_the_app_serves()
    {
        await using var server = await ApiServer.StartAsync();
        var document = await server.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v2", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m.ToLowerInvariant(), Path: Template(e.RoutePattern.RawText!))))
            .ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, r => Assert.True(
            paths.TryGetProperty(r.Path, out var item) && item.TryGetProperty(r.Method, out _), $"{r.Method.ToUpperInvariant()} {r.Path} is not in the OpenAPI document"));
        foreach (var (method, path) in Section2)
        {
            Assert.Contains((method, path), routes);
        }
    }

    [Fact]
    public async Task Authenticated_operations_name_the_bearer_scheme_the_limit_headers_and_the_error_body()
    {
        await using var server = await ApiServer.StartAsync();
        var document = await server.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
        Assert.Contains("nb_", bearer.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("ApiErrorBody", out _));

        foreach (var (method, path) in Section2.Where(r => r.Path.StartsWith("/api/v2/user", StringComparison.Ordinal) || r.Path.StartsWith("/api/v2/keys", StringComparison.Ordinal) || r.Path == "/api/v2/balance"))
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.Equal("bearer", operation.GetProperty("security")[0].EnumerateObject().Single().Name);
            var responses = operation.GetProperty("responses");
            var success = responses.EnumerateObject().First(r => r.Name.StartsWith('2')).Value;
            Assert.All(LimitHeaders, h => Assert.True(success.GetProperty("headers").TryGetProperty(h, out _), $"{method} {path}: no {h}"));
            Assert.Equal("#/components/schemas/ApiErrorBody", ErrorSchema(responses, "401"));
        }

        var keys = paths.GetProperty("/api/v2/keys").GetProperty("post").GetProperty("responses");
        Assert.Equal("#/components/schemas/ApiErrorBody", ErrorSchema(keys, "409"));
        Assert.Equal("#/components/schemas/ApiErrorBody", ErrorSchema(keys, "422"));
        var history = paths.GetProperty("/api/v2/user/history").GetProperty("get");
        Assert.Equal("#/components/schemas/ApiErrorBody", ErrorSchema(history.GetProperty("responses"), "422"));
        var limit = history.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "limit");
        Assert.Equal("integer", limit.GetProperty("schema").GetProperty("type").GetString());
        var settings = paths.GetProperty("/api/v2/user/settings").GetProperty("patch").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.True(settings.GetProperty("properties").TryGetProperty("default_image_size", out _));
    }

    [Fact]
    public async Task The_catalog_is_public_and_the_support_endpoints_take_a_service_key()
    {
        await using var server = await ApiServer.StartAsync();
        var document = await server.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var price = paths.GetProperty("/api/v2/models/{slug}/calculate-price").GetProperty("post");
        Assert.False(price.TryGetProperty("security", out _));
        Assert.Equal("#/components/schemas/ApiErrorBody", ErrorSchema(price.GetProperty("responses"), "404"));
        Assert.Equal("#/components/schemas/ApiErrorBody", ErrorSchema(price.GetProperty("responses"), "422"));
        Assert.False(price.GetProperty("responses").GetProperty("200").TryGetProperty("headers", out _));

        var ticket = paths.GetProperty("/api/v2/support/tickets/{code}").GetProperty("get");
        Assert.Equal("service_key", ticket.GetProperty("security")[0].EnumerateObject().Single().Name);
        Assert.Equal("#/components/schemas/ApiErrorBody", ErrorSchema(ticket.GetProperty("responses"), "403"));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("service_key", out _));
    }

    [Fact]
    public async Task Docs_answers_with_the_reference_page_and_its_scripts_load()
    {
        await using var server = await ApiServer.StartAsync();
        // "/docs" itself must answer: a redirect followed quietly would hide that it does not.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        var page = await client.GetAsync("/docs");
        var slash = await client.GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<base href=\"/docs/\"", html, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, slash.StatusCode);
        foreach (Match script in ScriptSource().Matches(html))
        {
            var asset = await client.GetAsync("/docs/" + script.Groups[1].Value);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Contains("javascript", asset.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }

        Assert.True(ScriptSource().Matches(html).Count >= 2);
    }

    /// <summary>The routes of api.md §2 this area serves (the others appear once their areas map them).</summary>
    private static readonly (string Method, string Path)[] Section2 =
    [
        ("get", "/api/v2/models"), ("get", "/api/v2/models/{slug}"), ("post", "/api/v2/models/{slug}/calculate-price"),
        ("get", "/api/v2/balance"), ("get", "/api/v2/user/balance"), ("get", "/api/v2/user/me"),
        ("get", "/api/v2/user/settings"), ("patch", "/api/v2/user/settings"), ("get", "/api/v2/user/history"),
        ("get", "/api/v2/keys"), ("post", "/api/v2/keys"), ("patch", "/api/v2/keys/{id}"), ("delete", "/api/v2/keys/{id}"),
        ("get", "/api/v2/support/tickets/{code}"), ("patch", "/api/v2/support/tickets/{code}"),
    ];

    private static string? ErrorSchema(JsonElement responses, string status) =>
        responses.GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();

    // Route constraints ({id:long}) are not part of an OpenAPI path.
    private static string Template(string route) => RouteConstraint().Replace(route.TrimEnd('/'), "{$1}");

    [GeneratedRegex(@"\{([A-Za-z_]+)(:[^}]*)?\??\}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"/][^\"]*)\"")]
    private static partial Regex ScriptSource();
}
