using Microsoft.Extensions.Logging;

namespace ElumentaBot.Transport;

/// <summary>
/// One line per failed attempt (method, error, next retry) with the stack trace only at Debug, and one line when
/// the Bot API answers again, so an hour offline is readable and a real bug still shows its trace when asked.
/// </summary>
internal sealed class OutageLog(ILogger logger, TimeProvider time)
{
    private long? _since;

    public void Failed(string method, Exception error, TimeSpan retryIn)
    {
        _since ??= time.GetTimestamp();
        logger.LogWarning("{Method:l} failed: {Error:l}; retrying in {RetryIn:0.#} s", method, error.Describe(), retryIn.TotalSeconds);
        logger.LogDebug(error, "{Method} failure details", method);
    }

    public void Recovered()
    {
        if (_since is { } since)
        {
            logger.LogInformation("Bot API reachable again after {Seconds:0} s", time.GetElapsedTime(since).TotalSeconds);
            _since = null;
        }
    }
}
