using System.Net;
using System.Text;
using MimeKit;

namespace Elumenta.Api.Tests.Auth;

public sealed class SmtpMailTests
{
    [Fact]
    public async Task With_an_smtp_host_the_verification_mail_is_delivered_over_smtp_and_its_link_works()
    {
        await using var sink = new SmtpSink();
        await using var server = await AuthServer.StartAsync(new Dictionary<string, string?>
        {
            ["Api:Mail:SmtpHost"] = "127.0.0.1",
            ["Api:Mail:SmtpPort"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Api:Mail:UseStartTls"] = "false",
            ["Api:Mail:Username"] = "mailer",
            ["Api:Mail:Password"] = "mailer-test-password",
            ["Api:Mail:From"] = "Elumenta <no-reply@elumenta.test>",
            ["Api:Mail:PublicBaseUrl"] = "https://app.elumenta.test/",
        });

        var registered = await server.PostAsync("register", new { email = "na@example.com", password = AuthServer.Password });
        var delivery = await sink.NextAsync();

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal("mailer:mailer-test-password", delivery.Login);
        Assert.Equal("no-reply@elumenta.test", delivery.From);
        Assert.Equal(["na@example.com"], delivery.To);
        using var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(delivery.Data)));
        Assert.Contains("https://app.elumenta.test/verify-email?token=", message.TextBody, StringComparison.Ordinal);
        Assert.False(Directory.Exists(server.MailDirectory));
        var verified = await server.PostAsync("verify-email", new { token = AuthServer.TokenIn(message) });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        await server.LoginAsync("na@example.com");
    }
}
