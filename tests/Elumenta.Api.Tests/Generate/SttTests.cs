using System.Net;
using System.Net.Http.Headers;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Providers.Simulated;
using static Elumenta.Api.Tests.Generate.GenerateSupport;

namespace Elumenta.Api.Tests.Generate;

public sealed class SttTests
{
    [Fact]
    public async Task An_uploaded_recording_is_transcribed_by_whisper_by_default_and_charged_its_price()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(7001);
        var wav = SimulatedMedia.Tone(0.5, 440);

        var response = await client.PostAsync("/api/v2/stt", Form(wav, "note.wav", "audio/wav", ("language", "en")));
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("whisper", body.GetProperty("model_slug").GetString());
        Assert.Contains($"{wav.Length} bytes", body.GetProperty("result_text").GetString());
        Assert.Equal(2, body.GetProperty("tokens_spent").GetInt32());
        Assert.Equal(1548, await BalanceAsync(server, account.Id));
    }

    [Fact]
    public async Task A_file_that_is_not_audio_or_diarize_on_a_model_without_it_is_422_and_changes_nothing()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(7002);
        var wav = SimulatedMedia.Tone(0.2, 440);

        var text = await client.PostAsync("/api/v2/stt", Form("hello"u8.ToArray(), "notes.txt", "text/plain"));
        var disguised = await client.PostAsync("/api/v2/stt", Form(wav, "voice.mp3", "text/html"));
        var diarize = await client.PostAsync("/api/v2/stt", Form(wav, "voice.wav", "audio/wav", ("diarize", "true")));
        var scribe = await client.PostAsync("/api/v2/stt", Form(wav, "voice.wav", "audio/wav", ("diarize", "true"), ("model", "elevenlabs-scribe")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, text.StatusCode);
        Assert.Contains("mp3, mp4, wav", (await ReadAsync(text)).GetProperty("details").GetProperty("audio").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, disguised.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, diarize.StatusCode);
        Assert.Contains("elevenlabs-scribe", (await ReadAsync(diarize)).GetProperty("details").GetProperty("diarize").GetString());
        Assert.Equal(HttpStatusCode.OK, scribe.StatusCode);
        Assert.Equal(1, await GenerationCountAsync(server, account.Id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_30_mb_upload_is_413_and_records_nothing(bool expectContinue)
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(7003);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/stt") { Content = Form(new byte[30 * 1024 * 1024], "long.mp3", "audio/mpeg") };
        // With 100-continue (curl's way for large bodies) the refusal comes before the body is sent; without it the
        // body is read and dropped, so the client still reads the refusal rather than a broken connection.
        request.Headers.ExpectContinue = expectContinue;

        var response = await client.SendAsync(request);
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("validation_error", body.GetProperty("error").GetString());
        Assert.Contains("25 MB", body.GetProperty("message").GetString());
        Assert.Equal(0, await GenerationCountAsync(server, account.Id));
        Assert.Equal(1550, await BalanceAsync(server, account.Id));
    }

    [Fact]
    public async Task A_25_mb_file_sent_without_a_length_is_refused_while_it_is_read()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(7004);
        var form = Form(new byte[26 * 1024 * 1024], "long.wav", "audio/wav");
        using var chunked = new StreamContent(await form.ReadAsStreamAsync());
        chunked.Headers.ContentType = form.Headers.ContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/stt") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("validation_error", (await ReadAsync(response)).GetProperty("error").GetString());
        Assert.Equal(0, await GenerationCountAsync(server, account.Id));
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_refused_saying_what_to_send()
    {
        await using var server = await ApiServer.StartAsync();
        var (_, _, client) = await server.CreateKeyClientAsync(7005);

        var response = await client.PostAsync("/api/v2/stt", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("bad_request", body.GetProperty("error").GetString());
        Assert.Contains("multipart/form-data", body.GetProperty("message").GetString());
    }

    private static MultipartFormDataContent Form(byte[] audio, string fileName, string contentType, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(audio);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "audio", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }
}
