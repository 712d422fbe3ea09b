using System.Text.Json;

namespace Elumenta.Providers.Http;

/// <summary>
/// The fields worth reading from any provider's error body: OpenAI/DeepSeek <c>error{message,code,type}</c>,
/// xAI's string <c>error</c>, Anthropic <c>error{type,message}</c>, Gemini <c>error{status,details}</c>,
/// Replicate problem JSON, Luma <c>detail</c>, LegNext <c>message</c>, ElevenLabs <c>detail{status,message}</c>.
/// </summary>
internal sealed record ErrorBody(string? Message, string? Code, string? Type, TimeSpan? RetryAfter, string Raw)
{
    public static ErrorBody Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body.Trim());
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ErrorBody(null, null, null, null, body);
            }

            string? message = null, code = null, type = null;
            TimeSpan? retry = null;
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    message = error.GetString();
                    code = Str(root, "code");
                }
                else if (error.ValueKind == JsonValueKind.Object)
                {
                    message = Str(error, "message");
                    code = Str(error, "code") ?? Str(error, "status");
                    type = Str(error, "type") ?? Str(error, "status");
                    retry = GeminiRetry(error);
                    code = GeminiReason(error) ?? code;
                }
            }

            if (root.TryGetProperty("detail", out var detail))
            {
                switch (detail.ValueKind)
                {
                    case JsonValueKind.String:
                        message ??= detail.GetString();
                        break;
                    case JsonValueKind.Object:
                        message ??= Str(detail, "message");
                        code ??= Str(detail, "status") ?? Str(detail, "code");
                        break;
                    case JsonValueKind.Array:
                        message ??= string.Join("; ", detail.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Object ? Str(d, "msg") : d.ToString()));
                        code ??= "validation_error";
                        break;
                }
            }

            message ??= Str(root, "message") ?? Str(root, "title");
            if (root.TryGetProperty("retry_after", out var ra) && ra.TryGetDouble(out var seconds))
            {
                retry ??= TimeSpan.FromSeconds(seconds);
            }

            return new ErrorBody(message, code ?? Str(root, "code"), type, retry, body);
        }
        catch (JsonException)
        {
            return new ErrorBody(null, null, null, null, body);
        }
    }

    public string Text => string.Join(' ', new[] { Code, Type, Message }.Where(s => !string.IsNullOrEmpty(s)));

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static TimeSpan? GeminiRetry(JsonElement error) =>
        error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array
            ? details.EnumerateArray().Select(d => Resilience.RetryAfter.FromDuration(Str(d, "retryDelay"))).FirstOrDefault(t => t is not null)
            : null;

    private static string? GeminiReason(JsonElement error) =>
        error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array
            ? details.EnumerateArray().Select(d => Str(d, "reason")).FirstOrDefault(r => r is not null)
            : null;
}
