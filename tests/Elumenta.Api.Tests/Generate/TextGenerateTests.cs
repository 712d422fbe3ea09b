using System.Net;
using Elumenta.Api.Tests.TestSupport;
using static Elumenta.Api.Tests.Generate.GenerateSupport;

namespace Elumenta.Api.Tests.Generate;

public sealed class TextGenerateTests
{
    [Fact]
    public async Task A_prompt_answers_200_with_the_finished_text_and_the_documented_shape()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(2001);

        var (response, body) = await PostAsync(client, new { model = "deepseek-v3", prompt = "Name three rivers", system = "Be brief" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal("deepseek-v3", body.GetProperty("model_slug").GetString());
        Assert.Contains("Name three rivers", body.GetProperty("result_text").GetString());
        Assert.Equal(1, body.GetProperty("tokens_spent").GetInt32());
        Assert.Equal(1549, await BalanceAsync(server, account.Id));
        foreach (var field in new[] { "id", "result_url", "thumbnail_url", "error", "processing_ms", "result_metadata", "created_at", "completed_at" })
        {
            Assert.True(body.TryGetProperty(field, out _), field);
        }

        Assert.EndsWith("+00:00", body.GetProperty("created_at").GetString());
        Assert.Equal("stop", body.GetProperty("result_metadata").GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Messages_in_openai_form_reach_the_model_with_their_history_flat_fields_winning_over_params()
    {
        await using var server = await ApiServer.StartAsync();
        var (_, _, client) = await server.CreateKeyClientAsync(2002);

        var (response, body) = await PostAsync(client, new
        {
            model = "gpt-5-nano",
            @params = new { model = "gpt-5.2-pro", temperature = 0.2, max_tokens = 100 },
            messages = new object[]
            {
                new { role = "system", content = "You are terse." },
                new { role = "user", content = "Hi" },
                new { role = "assistant", content = "Hello." },
                new { role = "user", content = new object[] { new { type = "text", text = "And a fourth river?" } } },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gpt-5-nano", body.GetProperty("model_slug").GetString());
        Assert.Equal(0, body.GetProperty("tokens_spent").GetInt32());
        var text = body.GetProperty("result_text").GetString()!;
        Assert.Contains("And a fourth river?", text);
        Assert.Contains("turns in context: 3", text);
    }

    [Fact]
    public async Task Image_parts_go_to_vision_models_and_are_refused_elsewhere_or_from_a_private_host()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(2003);
        object Message(string url) => new[]
        {
            new { role = "user", content = new object[] { new { type = "text", text = "What is this?" }, new { type = "image_url", image_url = new { url } } } },
        };

        var (seen, seenBody) = await PostAsync(client, new { model = "gpt-5", messages = Message("https://example.com/cat.png") });
        var (blind, blindBody) = await PostAsync(client, new { model = "gpt-5-nano", messages = Message("https://example.com/cat.png") });
        var (local, localBody) = await PostAsync(client, new { model = "gpt-5", messages = Message("https://127.0.0.1/secret.png") });

        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Contains("images attached: 1", seenBody.GetProperty("result_text").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blind.StatusCode);
        Assert.Contains("does not read images", blindBody.GetProperty("details").GetProperty("messages[0].content[1]").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, local.StatusCode);
        Assert.Equal("validation_error", localBody.GetProperty("error").GetString());
        Assert.Contains("https URL on a public host", localBody.GetProperty("details").GetProperty("messages[0].content[1]").GetString());
        Assert.Equal(1, await GenerationCountAsync(server, account.Id));
    }

    [Fact]
    public async Task The_limit_headers_of_a_generation_count_it_as_a_later_read_does_and_elite_gets_none()
    {
        await using var server = await ApiServer.StartAsync();
        var (_, _, client) = await server.CreateKeyClientAsync(2005);
        var (_, _, elite) = await server.CreateKeyClientAsync(2006, "elite");

        var (first, _) = await PostAsync(client, new { model = "deepseek-v3", prompt = "one" });
        var (second, _) = await PostAsync(client, new { model = "deepseek-v3", prompt = "two" });
        var balance = await client.GetAsync("/api/v2/balance");
        var (unlimited, _) = await PostAsync(elite, new { model = "deepseek-v3", prompt = "three" });

        Assert.Equal("99", first.Headers.GetValues("X-RateLimit-Remaining-Hour").Single());
        Assert.Equal("98", second.Headers.GetValues("X-RateLimit-Remaining-Hour").Single());
        foreach (var header in new[] { "X-RateLimit-Limit-Hour", "X-RateLimit-Remaining-Hour", "X-RateLimit-Limit-Day", "X-RateLimit-Remaining-Day", "X-RateLimit-Reset-Hour" })
        {
            Assert.Equal(balance.Headers.GetValues(header).Single(), second.Headers.GetValues(header).Single());
        }

        Assert.Equal(HttpStatusCode.OK, unlimited.StatusCode);
        Assert.DoesNotContain(unlimited.Headers, h => h.Key.StartsWith("X-RateLimit-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_100k_character_prompt_is_422_and_records_nothing()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(2004);

        var (response, body) = await PostAsync(client, new { model = "gpt-5", prompt = new string('x', 100_000) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("validation_error", body.GetProperty("error").GetString());
        Assert.Contains("32000", body.GetProperty("details").GetProperty("prompt").GetString());
        Assert.Equal(0, await GenerationCountAsync(server, account.Id));
        Assert.Equal(1550, await BalanceAsync(server, account.Id));
        Assert.Equal("100", response.Headers.GetValues("X-RateLimit-Remaining-Hour").Single());
    }

    [Fact]
    public async Task Malformed_json_is_400_a_wrong_type_is_400_with_the_field_an_unknown_model_is_422()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(2005);

        var (broken, brokenBody) = await PostRawAsync(client, "{\"model\": \"gpt-5\", \"prompt\": ");
        var (typed, typedBody) = await PostAsync(client, new { model = "gpt-5", prompt = 5 });
        var (unknown, unknownBody) = await PostAsync(client, new { model = "gpt-9", prompt = "hi" });
        var (option, optionBody) = await PostAsync(client, new { model = "gpt-5", prompt = "hi", top_p = 0.5, temperature = 7 });

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("bad_request", brokenBody.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.Equal("must be a string", typedBody.GetProperty("details").GetProperty("prompt").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("gpt-9", unknownBody.GetProperty("details").GetProperty("model").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, option.StatusCode);
        Assert.Equal("gpt-5 does not take top_p", optionBody.GetProperty("details").GetProperty("top_p").GetString());
        Assert.Contains("from 0 to 2", optionBody.GetProperty("details").GetProperty("temperature").GetString());
        Assert.Equal(0, await GenerationCountAsync(server, account.Id));
    }
}
