using System.Net;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Core.Tests.TestSupport;
using Elumenta.Providers.Jobs;
using static Elumenta.Api.Tests.Generate.GenerateSupport;

namespace Elumenta.Api.Tests.Generate;

public sealed class MediaGenerateTests
{
    [Fact]
    public async Task A_sync_image_answers_200_charging_exactly_its_matrix_price_and_its_file_is_served_to_its_owner_only()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(3001);
        var (_, _, stranger) = await server.CreateKeyClientAsync(3002);

        var (response, body) = await PostAsync(client, new { model = "dall-e-3", prompt = "a red fox", @params = new { size = "1024x1792", quality = "hd" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal(13, body.GetProperty("tokens_spent").GetInt32());
        Assert.Equal(1550 - 13, await BalanceAsync(server, account.Id));
        var url = body.GetProperty("result_url").GetString()!;
        Assert.StartsWith($"{server.BaseAddress}api/v2/files/{body.GetProperty("id").GetInt64()}/0", url);
        Assert.DoesNotContain(server.Directory, body.ToString());

        var file = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await file.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url[..^1] + "1")).StatusCode);
    }

    [Fact]
    public async Task A_video_answers_202_pending_with_nothing_spent_then_completes_without_the_client_and_only_its_owner_sees_it()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(3003);
        var (_, _, stranger) = await server.CreateKeyClientAsync(3004);

        var (response, body) = await PostAsync(client, new { model = "luma-ray2-flash", prompt = "waves at dusk", resolution = "720p", duration = 9 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal(0, body.GetProperty("tokens_spent").GetInt32());
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v2/generate/{id}", response.Headers.Location!.OriginalString);

        var done = await PollUntilSettledAsync(client, id);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(47, done.GetProperty("tokens_spent").GetInt32());
        Assert.Equal(1550 - 47, await BalanceAsync(server, account.Id));
        Assert.NotNull(done.GetProperty("completed_at").GetString());
        var missing = await stranger.GetAsync($"/api/v2/generate/{id}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not_found", (await ReadAsync(missing)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v2/generate/{id + 1000}")).StatusCode);
    }

    [Fact]
    public async Task A_job_that_fails_shows_failed_with_nothing_spent_and_the_balance_unchanged()
    {
        var clock = new ManualClock();
        // The poller is driven by hand here: one tick an hour of real time never comes during the test.
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Providers:Jobs:Tick"] = "01:00:00" }, clock);
        var (account, _, client) = await server.CreateKeyClientAsync(3005);

        var (response, body) = await PostAsync(client, new { model = "luma-ray2-flash", prompt = "a storm" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal(1550 - 15, await BalanceAsync(server, account.Id));

        clock.Advance(TimeSpan.FromMinutes(21));
        await server.Get<JobPoller>().PollOnceAsync(CancellationToken.None);

        var failed = await ReadAsync(await client.GetAsync($"/api/v2/generate/{id}"));
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(0, failed.GetProperty("tokens_spent").GetInt32());
        Assert.Contains("no tokens were charged", failed.GetProperty("error").GetString());
        Assert.Equal(1550, await BalanceAsync(server, account.Id));
    }

    [Fact]
    public async Task Speech_and_tools_run_with_their_fields_and_refuse_what_the_model_does_not_take()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(3006);

        var (speech, speechBody) = await PostAsync(client, new { model = "openai-tts", text = "Hello there", voice_id = "alloy", speed = 1.25 });
        var (tool, toolBody) = await PostAsync(client, new { model = "upscale", image_url = "https://example.com/photo.jpg", scale = "2" });
        var (refused, refusedBody) = await PostAsync(client, new { model = "minimax-tts", text = "Hi", speed = 1.5, prompt = "x" });
        var (fast, fastBody) = await PostAsync(client, new { model = "openai-tts", text = "Hi", speed = 9 });
        var (frame, frameBody) = await PostAsync(client, new { model = "sora-2", prompt = "a cat", image_url = "https://example.com/cat.jpg" });
        var (kling, klingBody) = await PostAsync(client, new { model = "kling-v2.1", prompt = "a cat" });
        var (tooLong, tooLongBody) = await PostAsync(client, new { model = "openai-tts", text = new string('a', 5001) });
        var (changer, _) = await PostAsync(client, new { model = "el-voice-changer", audio_url = "https://example.com/voice.mp3", voice_id = "pNInz6obpgDQGcFmaJgB" });
        var (noAudio, noAudioBody) = await PostAsync(client, new { model = "el-voice-isolator" });
        var (plainHttp, plainHttpBody) = await PostAsync(client, new { model = "upscale", image_url = "http://example.com/photo.jpg" });
        var (inside, insideBody) = await PostAsync(client, new { model = "flux-kontext-pro", prompt = "recolor", image_url = "https://169.254.169.254/latest/meta-data" });

        Assert.Equal(HttpStatusCode.OK, speech.StatusCode);
        Assert.Equal(3, speechBody.GetProperty("tokens_spent").GetInt32());
        Assert.Equal("audio/wav", speechBody.GetProperty("result_metadata").GetProperty("mime").GetString());
        Assert.Equal(HttpStatusCode.Accepted, tool.StatusCode);
        Assert.Equal("completed", (await PollUntilSettledAsync(client, toolBody.GetProperty("id").GetInt64())).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("minimax-tts does not take speed", refusedBody.GetProperty("details").GetProperty("speed").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fast.StatusCode);
        Assert.Equal("must be a number from 0.25 to 4", fastBody.GetProperty("details").GetProperty("speed").GetString());
        Assert.Contains("not both", refusedBody.GetProperty("details").GetProperty("prompt").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, frame.StatusCode);
        Assert.Contains("start frame", frameBody.GetProperty("details").GetProperty("image_url").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, kling.StatusCode);
        Assert.Contains("send image_url", klingBody.GetProperty("details").GetProperty("image_url").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Contains("5000", tooLongBody.GetProperty("details").GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.OK, changer.StatusCode);
        Assert.Equal("is required", noAudioBody.GetProperty("details").GetProperty("audio_url").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAudio.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, plainHttp.StatusCode);
        Assert.Equal("must be an https URL on a public host", plainHttpBody.GetProperty("details").GetProperty("image_url").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, inside.StatusCode);
        Assert.Equal("must be an https URL on a public host", insideBody.GetProperty("details").GetProperty("image_url").GetString());
        Assert.Equal(3, await GenerationCountAsync(server, account.Id));
        Assert.Equal(1550 - 3 - 1 - 15, await BalanceAsync(server, account.Id));
    }
}
