namespace Elumenta.Api.Generate;

/// <summary>
/// The <c>Idempotency-Key</c> header (as in the IETF httpapi draft and Stripe): per account, up to 255 visible ASCII
/// characters. The key is recorded by admission itself; only admitted requests record one, so a refused request
/// (402, 429 …) can be retried with the same key once the reason is gone.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    /// <summary>False (with the reason) for a header that is present but unusable; true with null when absent.</summary>
    public static bool TryRead(HttpRequest request, out string? key, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        key = null;
        problem = null;
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return true;
        }

        var value = values.Count == 1 ? values[0]?.Trim() : null;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value.Any(c => c is < '!' or > '~'))
        {
            problem = $"{Header} must be one value of 1 to {MaxLength} visible ASCII characters.";
            return false;
        }

        key = value;
        return true;
    }
}
