using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ElumentaBot.Transport;

/// <summary>Replaces HttpClient's own request logging, which would write the token-bearing URI.</summary>
public sealed class RedactingLoggingHandler(ILogger<RedactingLoggingHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("Bot API {HttpMethod} {Uri} answered {StatusCode} in {ElapsedMs:0} ms",
                    request.Method, TokenRedactor.Redact(request.RequestUri), (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            logger.LogDebug("Bot API {HttpMethod} {Uri} failed after {ElapsedMs:0} ms: {Error}",
                request.Method, TokenRedactor.Redact(request.RequestUri), Stopwatch.GetElapsedTime(started).TotalMilliseconds, TokenRedactor.Redact(ex.Message));
            throw;
        }
    }
}
