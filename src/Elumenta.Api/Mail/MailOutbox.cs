using System.Threading.Channels;
using MimeKit;

namespace Elumenta.Api.Mail;

/// <summary>
/// Mail leaves in the background: an endpoint answers without waiting for SMTP, and forgot-password takes the same
/// time whether or not it had something to send. A message that fails is logged and dropped (the person can ask
/// again); a queue of 1,000 unsent messages refuses more.
/// </summary>
public sealed partial class MailOutbox(MailSender sender, ILogger<MailOutbox> logger) : BackgroundService
{
    private readonly Channel<(string Kind, MimeMessage Message)> _queue =
        Channel.CreateBounded<(string, MimeMessage)>(new BoundedChannelOptions(1000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public void Enqueue(string kind, MimeMessage message)
    {
        if (!_queue.Writer.TryWrite((kind, message)))
        {
            LogDropped(logger, kind);
            message.Dispose();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (kind, message) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                using (message)
                {
                    try
                    {
                        await sender.SendAsync(message, stoppingToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogFailed(logger, e, kind);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (also when the host never finished starting): not a failure to report.
        }
    }

    [LoggerMessage(LogLevel.Error, "Could not send the {Kind} mail; it was dropped")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind);

    [LoggerMessage(LogLevel.Error, "The mail queue is full; a {Kind} mail was dropped")]
    private static partial void LogDropped(ILogger logger, string kind);
}
