using Microsoft.Extensions.Options;
using MimeKit;

namespace Elumenta.Api.Mail;

/// <summary>The verification and password-reset mails (English only). Each carries a link and the bare token.</summary>
public sealed class AuthMails(IOptions<MailOptions> options, MailOutbox outbox)
{
    public void SendVerification(string email, string token) =>
        outbox.Enqueue("verification", Compose(email, "Verify your Elumenta email address",
            $$"""
            Welcome to Elumenta.

            Open this link to verify your email address (valid for 24 hours):
            {{Link("verify-email", token)}}

            API clients: POST /api/v2/auth/verify-email with {"token": "{{token}}"}.

            If you did not sign up, ignore this mail.
            """));

    public void SendPasswordReset(string email, string token) =>
        outbox.Enqueue("password reset", Compose(email, "Reset your Elumenta password",
            $$"""
            Someone asked to reset the password of your Elumenta account.

            Open this link to choose a new password (valid for 1 hour):
            {{Link("reset-password", token)}}

            API clients: POST /api/v2/auth/reset-password with {"token": "{{token}}", "new_password": "..."}.

            Resetting signs out every session. If you did not ask for this, ignore this mail; your password stays as it is.
            """));

    private string Link(string page, string token) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/{page}?token={token}";

    private MimeMessage Compose(string to, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }
}
