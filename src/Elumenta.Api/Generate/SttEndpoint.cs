using System.Security.Cryptography;
using Elumenta.Api.Auth;
using Elumenta.Api.Errors;
using Elumenta.Core.Catalog;
using Elumenta.Providers;
using Microsoft.AspNetCore.Http.Features;

namespace Elumenta.Api.Generate;

/// <summary>
/// <c>POST /api/v2/stt</c>: multipart <c>audio</c> (mp3, mp4, wav, m4a, ogg, flac, webm; at most 25 MB), <c>model</c>
/// (default whisper), <c>language</c>, <c>diarize</c> (elevenlabs-scribe only). A larger upload is refused with 413
/// before it is read, and nothing is admitted for any refused upload.
/// </summary>
public static class SttEndpoint
{
    public const long MaxAudioBytes = 25 * 1024 * 1024;

    // Room for the multipart boundaries and the small fields around the file.
    private const long FormSlack = 64 * 1024;

    // How much of an oversized body is read (and dropped) to answer a client that does not wait for 100-continue.
    private const long MaxDrainBytes = 64 * 1024 * 1024;

    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".mp3"] = "audio/mpeg", [".mp4"] = "audio/mp4", [".wav"] = "audio/wav", [".m4a"] = "audio/mp4",
        [".ogg"] = "audio/ogg", [".flac"] = "audio/flac", [".webm"] = "audio/webm",
    };

    private static readonly string[] Fields = ["model", "language", "diarize"];

    public static async Task<IResult> TranscribeAsync(HttpContext http, ModelCatalog catalog, GenerationRunner runner)
    {
        ArgumentNullException.ThrowIfNull(http);
        var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (http.Request.ContentLength is > MaxAudioBytes + FormSlack and var length)
        {
            await DrainAsync(http, limit, length);
            return TooLarge();
        }

        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = MaxAudioBytes + FormSlack;
        }

        if (!http.Request.HasFormContentType)
        {
            return ApiErrors.BadRequest("Send multipart/form-data with the audio file in the field 'audio'.");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (InvalidDataException)
        {
            return ApiErrors.BadRequest("The multipart body could not be read.");
        }

        if (!Idempotency.TryRead(http.Request, out var key, out var keyProblem))
        {
            return ApiErrors.BadRequest(keyProblem!);
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var file = form.Files.GetFile("audio");
        if (file is { Length: > MaxAudioBytes })
        {
            return TooLarge();
        }

        var mime = file is null ? null : AudioType(file);
        if (file is null || file.Length == 0)
        {
            errors["audio"] = "is required (a non-empty file)";
        }
        else if (mime is null)
        {
            errors["audio"] = "must be mp3, mp4, wav, m4a, ogg, flac or webm";
        }

        foreach (var unknown in form.Keys.Where(k => !Fields.Contains(k)))
        {
            errors[unknown] = "is not a field of this endpoint";
        }

        var slug = form["model"].FirstOrDefault() is { Length: > 0 } m ? m : "whisper";
        var model = catalog.FindModel(slug);
        if (model is not { Category: ModelCategory.Stt })
        {
            errors["model"] = model is null ? $"unknown model '{slug}'" : $"{slug} is not a speech-to-text model";
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (form["language"].FirstOrDefault() is { Length: > 0 } language)
        {
            options["language"] = language;
        }

        var diarize = form["diarize"].FirstOrDefault();
        if (diarize is { Length: > 0 } && !bool.TryParse(diarize, out _))
        {
            errors["diarize"] = "must be true or false";
        }
        else if (string.Equals(diarize, "true", StringComparison.OrdinalIgnoreCase))
        {
            if (model is not null && model.Slug != "elevenlabs-scribe")
            {
                errors["diarize"] = "only elevenlabs-scribe tells speakers apart";
            }

            options["diarize"] = "true";
        }

        if (errors.Count > 0 || model is null || file is null || mime is null)
        {
            return ApiErrors.Validation(errors, GenerateEndpoints.Summary(errors));
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, http.RequestAborted);
        var bytes = buffer.ToArray();
        var audio = MediaInput.FromBytes(bytes, mime, "audio" + Path.GetExtension(file.FileName).ToLowerInvariant());
        var hash = Convert.ToHexStringLower(SHA256.HashData([.. bytes, .. System.Text.Encoding.UTF8.GetBytes($"\nstt\n{model.Slug}\n{string.Join('\n', options.OrderBy(o => o.Key))}")]));
        var plan = new GenerationPlan(model, null, options)
        {
            Hash = hash,
            Call = (router, ct) => router.TranscribeAsync(new TranscriptionRequest(model, audio, options), ct),
        };
        var (id, answer, repeat) = await runner.AdmitAsync(http, http.Caller(), plan, key);
        return answer ?? PostAnswers.Answer(http.Request, repeat ?? await runner.RunAsync(http, id!.Value, plan));
    }

    /// <summary>
    /// A client that sent <c>Expect: 100-continue</c> (curl does for large bodies) never sends the body and reads the
    /// 413 at once. Others are already sending it: a body of moderate size is read and dropped first, so that they
    /// read the 413 instead of a reset connection; anything larger is cut off.
    /// </summary>
    private static async Task DrainAsync(HttpContext http, IHttpMaxRequestBodySizeFeature? limit, long length)
    {
        var expects = http.Request.Headers.Expect.Any(e => e?.Contains("100-continue", StringComparison.OrdinalIgnoreCase) == true);
        if (expects || length > MaxDrainBytes || limit is not { IsReadOnly: false })
        {
            return;
        }

        limit.MaxRequestBodySize = length;
        try
        {
            await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // The client went away or lied about the length; the answer is the same.
        }
    }

    /// <summary>The extension decides; a specific content type must agree with it (a generic one is what curl sends).</summary>
    private static string? AudioType(IFormFile file)
    {
        if (!Types.TryGetValue(Path.GetExtension(file.FileName), out var mime))
        {
            return null;
        }

        var sent = (file.ContentType ?? "").Split(';')[0].Trim();
        return sent.Length == 0 || sent.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            || sent.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) || sent.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
            || sent.Equals("application/ogg", StringComparison.OrdinalIgnoreCase)
            ? mime
            : null;
    }

    private static IResult TooLarge() =>
        ApiErrors.Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.ValidationError, "The audio file is over 25 MB; nothing was charged.",
            new Dictionary<string, string> { ["audio"] = "must be at most 25 MB (26,214,400 bytes)" });
}
