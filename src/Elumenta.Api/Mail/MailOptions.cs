using Microsoft.Extensions.Options;
using MimeKit;

namespace Elumenta.Api.Mail;

/// <summary>
/// <c>Api:Mail</c>: with <see cref="SmtpHost"/> set, mail goes out over SMTP (MailKit); without it, each message is
/// written as an <c>.eml</c> file into <see cref="PickupDirectory"/>, so sign-up works on a laptop.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Api:Mail";

    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;

    public string? Username { get; set; }

    /// <summary>From the environment only (<c>Api__Mail__Password</c>).</summary>
    public string? Password { get; set; }

    public string From { get; set; } = "Elumenta <no-reply@elumenta.local>";

    /// <summary>True: STARTTLS is required after connecting. False: plain SMTP (a local relay only).</summary>
    public bool UseStartTls { get; set; } = true;

    public string PickupDirectory { get; set; } = "data/mail";

    /// <summary>Where the links in mails point: the dashboard that shows the verify and reset pages.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);

    /// <summary>What is wrong with these options, or null.</summary>
    public string? Problem()
    {
        if (!MailboxAddress.TryParse(From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            return "Api:Mail:From must be a mail address such as \"Elumenta <no-reply@example.com>\".";
        }

        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return "Api:Mail:PublicBaseUrl must be an absolute http(s) URL.";
        }

        if (UsesSmtp && SmtpPort is < 1 or > 65535)
        {
            return "Api:Mail:SmtpPort must be between 1 and 65535.";
        }

        if (!string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password))
        {
            return "Api:Mail:Username is set without Api:Mail:Password (set it in the environment: Api__Mail__Password).";
        }

        return !UsesSmtp && string.IsNullOrWhiteSpace(PickupDirectory) ? "Api:Mail:PickupDirectory must be set when there is no SmtpHost." : null;
    }
}

internal sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
