using Elumenta.Core.Catalog;
using Microsoft.Extensions.Options;

namespace Elumenta.Providers.Configuration;

/// <summary>Refuses at start a base URL or timeout that would only fail at a user's first request.</summary>
internal sealed class ProviderOptionsValidator : IValidateOptions<ProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, ProviderOptions options)
    {
        if (name is null || CatalogValidator.ParseProvider(name) is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"Providers:{name}:BaseUrl must be an absolute http(s) URL (got '{options.BaseUrl}').");
        }

        foreach (var (key, value) in new[]
                 {
                     ("CreateTimeout", options.CreateTimeout), ("StreamTimeout", options.StreamTimeout),
                     ("PollTimeout", options.PollTimeout), ("DownloadTimeout", options.DownloadTimeout),
                     ("PollInterval", options.PollInterval), ("BreakDuration", options.BreakDuration),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"Providers:{name}:{key} must be positive.");
            }
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add($"Providers:{name}:MaxRetries must be between 0 and 10.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
