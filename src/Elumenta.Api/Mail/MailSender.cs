using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Elumenta.Api.Mail;

/// <summary>Hands one message to the SMTP server, or writes it into the pickup folder when none is configured.</summary>
public sealed class MailSender(IOptions<MailOptions> options, TimeProvider clock)
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var o = options.Value;
        if (!o.UsesSmtp)
        {
            await WriteToPickupAsync(message, Path.GetFullPath(o.PickupDirectory), ct);
            return;
        }

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(o.SmtpHost!, o.SmtpPort, o.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(o.Username))
        {
            await smtp.AuthenticateAsync(o.Username, o.Password ?? "", ct);
        }

        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }

    private async Task WriteToPickupAsync(MimeMessage message, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmssfff}-{Guid.NewGuid():N}";
        var partial = Path.Combine(folder, name + ".tmp");
        await message.WriteToAsync(partial, ct);
        // Renamed once complete: whoever watches the folder never reads half a message.
        File.Move(partial, Path.Combine(folder, name + ".eml"));
    }
}
