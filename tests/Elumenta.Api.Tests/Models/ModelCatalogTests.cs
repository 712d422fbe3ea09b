using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Elumenta.Api.Tests.TestSupport;

namespace Elumenta.Api.Tests.Models;

public sealed class ModelCatalogTests
{
    [Fact]
    public async Task The_catalog_is_public_and_lists_every_model_with_its_plan_and_prices()
    {
        await using var server = await ApiServer.StartAsync();

        var response = await server.Client.GetAsync("/api/v2/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-RateLimit-Limit-Hour"));
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(52, items.Count);
        Assert.Equal(19, items.Count(m => m.GetProperty("min_plan").GetString() == "free"));
        Assert.All(items, m =>
        {
            Assert.InRange(m.GetProperty("token_cost").GetInt32(), m.GetProperty("min_token_cost").GetInt32(), m.GetProperty("max_token_cost").GetInt32());
            Assert.True(m.GetProperty("available").GetBoolean());
        });

        var dalle = items.Single(m => m.GetProperty("slug").GetString() == "dall-e-3");
        Assert.Equal("DALL·E 3", dalle.GetProperty("name").GetString());
        Assert.Equal("image", dalle.GetProperty("category").GetString());
        Assert.Equal("openai", dalle.GetProperty("provider").GetString());
        Assert.Equal("free", dalle.GetProperty("min_plan").GetString());
        Assert.Equal((5, 5, 13), (dalle.GetProperty("token_cost").GetInt32(), dalle.GetProperty("min_token_cost").GetInt32(), dalle.GetProperty("max_token_cost").GetInt32()));
        Assert.False(dalle.GetProperty("supports_streaming").GetBoolean());

        var gpt5 = items.Single(m => m.GetProperty("slug").GetString() == "gpt-5");
        Assert.Equal("basic", gpt5.GetProperty("min_plan").GetString());
        Assert.True(gpt5.GetProperty("supports_streaming").GetBoolean());
        Assert.Equal(2, gpt5.GetProperty("token_cost").GetInt32());

        var dubbing = items.Single(m => m.GetProperty("slug").GetString() == "el-dubbing");
        Assert.Equal("audio_tool", dubbing.GetProperty("category").GetString());
        Assert.Equal((60, 60, 600), (dubbing.GetProperty("token_cost").GetInt32(), dubbing.GetProperty("min_token_cost").GetInt32(), dubbing.GetProperty("max_token_cost").GetInt32()));
    }

    [Fact]
    public async Task A_category_filters_the_catalog_and_an_unknown_one_is_a_validation_error()
    {
        await using var server = await ApiServer.StartAsync();

        var videos = await server.Client.GetFromJsonAsync<JsonElement>("/api/v2/models?category=video");
        var bogus = await server.Client.GetAsync("/api/v2/models?category=holograms");

        Assert.Equal(7, videos.GetProperty("items").GetArrayLength());
        Assert.All(videos.GetProperty("items").EnumerateArray(), m => Assert.Equal("video", m.GetProperty("category").GetString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bogus.StatusCode);
        var body = await bogus.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_error", body.GetProperty("error").GetString());
        Assert.Contains("audio_tool", body.GetProperty("details").GetProperty("category").GetString());
    }

    [Fact]
    public async Task A_model_whose_provider_has_no_key_is_listed_as_unavailable()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?>
        {
            ["Providers:Mode"] = "Live",
            ["Providers:OpenAI:Simulated"] = "true",
        });

        var items = (await server.Client.GetFromJsonAsync<JsonElement>("/api/v2/models")).GetProperty("items").EnumerateArray()
            .ToDictionary(m => m.GetProperty("slug").GetString()!, m => m.GetProperty("available").GetBoolean());
        var claude = await server.Client.GetFromJsonAsync<JsonElement>("/api/v2/models/claude-sonnet-4.5");

        Assert.True(items["gpt-5"]);
        Assert.True(items["dall-e-3"]);
        Assert.False(items["claude-sonnet-4.5"]);
        Assert.False(items["flux-1.1-pro"]);
        Assert.False(claude.GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task One_model_shows_its_option_lists_and_the_price_of_every_combination()
    {
        await using var server = await ApiServer.StartAsync();

        var dalle = await server.Client.GetFromJsonAsync<JsonElement>("/api/v2/models/DALL-E-3");

        Assert.Equal("dall-e-3", dalle.GetProperty("slug").GetString());
        Assert.Equal("matrix", dalle.GetProperty("pricing_type").GetString());
        var size = dalle.GetProperty("options").GetProperty("size");
        Assert.Equal(["1024x1024", "1024x1792", "1792x1024"], size.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("1024x1024", size.GetProperty("default").GetString());
        Assert.True(size.GetProperty("affects_price").GetBoolean());
        Assert.Equal(["standard", "hd"], dalle.GetProperty("options").GetProperty("quality").GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.False(dalle.GetProperty("options").GetProperty("style").GetProperty("affects_price").GetBoolean());
        var prices = dalle.GetProperty("prices").EnumerateArray()
            .ToDictionary(p => $"{p.GetProperty("options").GetProperty("size").GetString()}|{p.GetProperty("options").GetProperty("quality").GetString()}", p => p.GetProperty("token_cost").GetInt32());
        Assert.Equal(6, prices.Count);
        Assert.Equal(5, prices["1024x1024|standard"]);
        Assert.Equal(13, prices["1792x1024|hd"]);
    }

    [Theory]
    [InlineData("gpt-5", "fixed")]
    [InlineData("gpt-image-1.5", "matrix")]
    [InlineData("midjourney", "per_point")]
    [InlineData("luma-ray2", "per_second")]
    [InlineData("veo-3.1", "per_second")]
    [InlineData("midjourney-video", "matrix")]
    [InlineData("el-dubbing", "per_second")]
    public async Task The_pricing_type_is_the_one_the_product_names(string slug, string type)
    {
        await using var server = await ApiServer.StartAsync();

        var model = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v2/models/{slug}");

        Assert.Equal(type, model.GetProperty("pricing_type").GetString());
    }

    [Fact]
    public async Task Options_that_do_not_change_the_price_list_the_providers_values()
    {
        await using var server = await ApiServer.StartAsync();

        var openAiTts = await server.Client.GetFromJsonAsync<JsonElement>("/api/v2/models/openai-tts");
        var eleven = await server.Client.GetFromJsonAsync<JsonElement>("/api/v2/models/elevenlabs-flash");
        var photon = await server.Client.GetFromJsonAsync<JsonElement>("/api/v2/models/photon-flash");
        var dubbing = await server.Client.GetFromJsonAsync<JsonElement>("/api/v2/models/el-dubbing");

        Assert.Contains("alloy", openAiTts.GetProperty("options").GetProperty("voice").GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        var voice = eleven.GetProperty("options").GetProperty("voice");
        Assert.Equal("Rachel", voice.GetProperty("labels").GetProperty("21m00Tcm4TlvDq8ikWAM").GetString());
        Assert.Equal(["jpg", "png"], photon.GetProperty("options").GetProperty("format").GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(JsonValueKind.Null, photon.GetProperty("options").GetProperty("format").GetProperty("default").ValueKind);
        Assert.Equal(10, dubbing.GetProperty("options").GetProperty("source_minutes").GetProperty("max").GetInt32());
        Assert.Equal(10, dubbing.GetProperty("prices").GetArrayLength());
        Assert.True(dubbing.GetProperty("is_async").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_model_is_404()
    {
        await using var server = await ApiServer.StartAsync();

        var response = await server.Client.GetAsync("/api/v2/models/gpt-99");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
