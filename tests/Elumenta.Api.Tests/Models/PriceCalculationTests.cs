using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Elumenta.Api.Tests.TestSupport;

namespace Elumenta.Api.Tests.Models;

public sealed class PriceCalculationTests
{
    [Theory]
    [InlineData("dall-e-3", """{"params":{"size":"1792x1024","quality":"hd"},"count":2}""", 26, 10, 26, "matrix")]
    [InlineData("dall-e-3", """{}""", 5, 5, 13, "matrix")]
    [InlineData("luma-ray2-flash", """{"params":{"resolution":"1080p","duration":9,"prompt":"a fox"}}""", 93, 15, 93, "per_second")]
    [InlineData("midjourney", """{"params":{"action":"upscale","speed":"turbo","aspect_ratio":"16:9"}}""", 35, 2, 35, "per_point")]
    [InlineData("el-dubbing", """{"params":{"source_minutes":2.5}}""", 180, 60, 600, "per_second")]
    [InlineData("gpt-5", """{"params":{"messages":[{"role":"user","content":"hi"}]},"count":3}""", 6, 6, 6, "fixed")]
    public async Task A_request_is_priced_as_admission_prices_it(string slug, string body, int cost, int min, int max, string type)
    {
        await using var server = await ApiServer.StartAsync();

        var response = await Post(server, slug, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(cost, answer.GetProperty("token_cost").GetInt32());
        Assert.Equal(min, answer.GetProperty("min_token_cost").GetInt32());
        Assert.Equal(max, answer.GetProperty("max_token_cost").GetInt32());
        Assert.Equal(type, answer.GetProperty("pricing_type").GetString());
    }

    [Fact]
    public async Task Defaults_fill_the_options_left_out()
    {
        await using var server = await ApiServer.StartAsync();

        var answer = await (await Post(server, "veo-3.1", """{"params":{"resolution":"1080p"}}""")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(334, answer.GetProperty("token_cost").GetInt32());
        Assert.Equal("8", answer.GetProperty("options").GetProperty("duration").GetString());
    }

    [Theory]
    [InlineData("dall-e-3", """{"params":{"size":"999x999"}}""", "size", "1024x1792")]
    [InlineData("dall-e-3", """{"params":{"duration":5}}""", "duration", "does not take")]
    [InlineData("gpt-5", """{"params":{"temperature":0.2,"voice":"alloy"}}""", "voice", "does not take")]
    [InlineData("el-dubbing", """{"params":{"source_minutes":11}}""", "source_minutes", "at most 10")]
    [InlineData("dall-e-3", """{"params":{"size":["1024x1024"]}}""", "size", "string or a number")]
    [InlineData("dall-e-3", """{"count":0}""", "count", "between 1 and 100")]
    [InlineData("dall-e-3", """{"count":101}""", "count", "between 1 and 100")]
    public async Task An_option_the_model_refuses_is_a_validation_error_naming_it(string slug, string body, string field, string hint)
    {
        await using var server = await ApiServer.StartAsync();

        var response = await Post(server, slug, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_error", error.GetProperty("error").GetString());
        Assert.Contains(hint, error.GetProperty("details").GetProperty(field).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_is_404_and_malformed_json_is_400()
    {
        await using var server = await ApiServer.StartAsync();

        var unknown = await Post(server, "no-such-model", "{}");
        var malformed = await Post(server, "dall-e-3", """{"params": {""");
        var wrongType = await Post(server, "dall-e-3", """{"count":"two"}""");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("not_found", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("bad_request", (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
    }

    private static Task<HttpResponseMessage> Post(ApiServer server, string slug, string json) =>
        server.Client.PostAsync($"/api/v2/models/{slug}/calculate-price", new StringContent(json, Encoding.UTF8, "application/json"));
}
