using System.Net.Http.Headers;
using Elumenta.Providers.Http;
using Elumenta.Providers.Resilience;
using Elumenta.Core.Catalog;

namespace Elumenta.Providers.ElevenLabs;

/// <summary>
/// Dubbing: <c>POST /v1/dubbing</c> → poll <c>GET /v1/dubbing/{id}</c> until <c>dubbed</c> → download
/// <c>/audio/{lang}</c>. The job id we store is <c>{dubbing_id}:{target_lang}</c> so the download needs nothing else.
/// </summary>
public sealed class ElevenLabsDubbing(ProviderHttp http)
{
    public async Task<ProviderOutcome> StartAsync(AudioToolRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.Options.Opt("target_lang")
            ?? throw new ProviderException(ProviderErrorKind.InvalidInput, ProviderName.ElevenLabs, "Choose the language to dub into.", code: "target_lang_required");
        var audio = request.Audio ?? throw new ProviderException(ProviderErrorKind.InvalidInput, ProviderName.ElevenLabs, "Send the audio or video to dub.");
        using var form = new MultipartFormDataContent { { new StringContent(target), "target_lang" } };
        if (audio.Bytes is { } bytes)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(audio.MimeType);
            form.Add(file, "file", AudioFiles.FileName(audio));
        }
        else
        {
            form.Add(new StringContent(audio.Url!.ToString()), "source_url");
        }

        form.Add(new StringContent(request.Options.Opt("source_lang") ?? "auto"), "source_lang");
        using var message = Keyed(new HttpRequestMessage(HttpMethod.Post, "v1/dubbing") { Content = form });
        using var doc = await http.SendJsonAsync(message, CallKind.Create, ct);
        return doc.RootElement.Str("dubbing_id") is { Length: > 0 } id
            ? new ProviderOutcome.Pending($"{id}:{target}")
            : throw ErrorMapper.Malformed(ProviderName.ElevenLabs, "dubbing (no dubbing_id)");
    }

    public async Task<JobSnapshot> GetAsync(string jobId, CancellationToken ct)
    {
        var (id, lang) = Split(jobId);
        using var message = Keyed(new HttpRequestMessage(HttpMethod.Get, $"v1/dubbing/{id}"));
        using var doc = await http.SendJsonAsync(message, CallKind.Poll, ct);
        var status = doc.RootElement.Str("status") ?? throw ErrorMapper.Malformed(ProviderName.ElevenLabs, "dubbing (no status)");
        switch (status)
        {
            case "dubbed":
                using (var download = Keyed(new HttpRequestMessage(HttpMethod.Get, $"v1/dubbing/{id}/audio/{lang}")))
                {
                    var (bytes, mime) = await http.SendMediaAsync(download, CallKind.Download, "audio/mpeg", ct);
                    return new JobSnapshot(JobPhase.Succeeded, status, 100, MediaResult.FromBytes(bytes, mime));
                }

            case "failed":
                var error = doc.RootElement.Str("error");
                return new JobSnapshot(JobPhase.Failed, status, Error: new ProviderException(
                    ErrorClassifier.LooksLikePolicy(error) ? ProviderErrorKind.ContentPolicy : ProviderErrorKind.Unavailable,
                    ProviderName.ElevenLabs, ErrorClassifier.Scrub(error, null) ?? "Dubbing failed."));
            case "queued":
                return new JobSnapshot(JobPhase.Queued, status, 0);
            default:
                return new JobSnapshot(JobPhase.Running, status);
        }
    }

    /// <summary>ElevenLabs has no cancel; deleting the project stops it and frees its storage.</summary>
    public async Task<bool> DeleteAsync(string jobId, CancellationToken ct)
    {
        using var message = Keyed(new HttpRequestMessage(HttpMethod.Delete, $"v1/dubbing/{Split(jobId).Id}"));
        using var response = await http.SendAsync(message, CallKind.Cancel, ct);
        return true;
    }

    private static (string Id, string Lang) Split(string jobId)
    {
        var colon = jobId.LastIndexOf(':');
        return colon > 0
            ? (Uri.EscapeDataString(jobId[..colon]), Uri.EscapeDataString(jobId[(colon + 1)..]))
            : throw new ProviderException(ProviderErrorKind.Unavailable, ProviderName.ElevenLabs, "Unrecognised dubbing job id.", 404);
    }

    private HttpRequestMessage Keyed(HttpRequestMessage message)
    {
        message.Headers.Add("xi-api-key", http.RequireKey());
        return message;
    }
}
