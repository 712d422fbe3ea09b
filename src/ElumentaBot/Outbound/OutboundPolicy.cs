using Elumenta.Core.Accounts;
using ElumentaBot.BotApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Outbound;

/// <summary>
/// What happens around every outgoing call: per-chat and global pacing, waiting out 429s, following a
/// group's migration to a supergroup, and marking a user unreachable when they blocked the bot.
/// </summary>
public sealed class OutboundPolicy(
    OutboundPacer pacer,
    AccountService accounts,
    IOptions<PacingOptions> options,
    TimeProvider time,
    ILogger<OutboundPolicy> logger)
{
    private readonly PacingOptions _options = options.Value;

    public async Task<TResult> CallAsync<TResult>(string method, Func<Task<TResult>> call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 0; ; attempt++)
        {
            await pacer.WaitGlobalPauseAsync(ct);
            try
            {
                return await call();
            }
            catch (BotApiException ex) when (CanWait(ex, attempt))
            {
                pacer.OnFlood(null, ex.RetryAfter!.Value);
                await WaitOutAsync(method, null, ex.RetryAfter!.Value, ct);
            }
        }
    }

    public async Task<TResult> SendAsync<TRequest, TResult>(
        string method, TRequest request, bool paced, Func<TRequest, Task<TResult>> send, CancellationToken ct)
        where TRequest : ChatRequest
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(send);
        // The lane is held for the whole call, retries included, so one chat's messages keep their order.
        using var lane = paced ? await pacer.EnterAsync(request.ChatId, ct) : null;
        var migrated = false;
        for (var attempt = 0; ; attempt++)
        {
            if (lane is not null)
            {
                await lane.WaitSlotAsync(ct);
            }
            else
            {
                await pacer.WaitGlobalPauseAsync(ct);
            }

            try
            {
                return await send(request);
            }
            catch (BotApiException ex) when (CanWait(ex, attempt))
            {
                pacer.OnFlood(request.ChatId, ex.RetryAfter!.Value);
                await WaitOutAsync(method, request.ChatId, ex.RetryAfter!.Value, ct);
            }
            catch (BotApiException ex) when (ex.MigrateToChatId is { } newChatId && !migrated)
            {
                logger.LogWarning("Chat {ChatId} migrated to {NewChatId}; re-sending {Method}", request.ChatId, newChatId, method);
                request = request with { ChatId = newChatId };
                migrated = true;
            }
            catch (BotApiException ex) when (ex.IsBlocked && request.ChatId > 0)
            {
                logger.LogInformation("User {ChatId} blocked the bot; marking the account unreachable", request.ChatId);
                await accounts.MarkUnreachableAsync(request.ChatId, CancellationToken.None);
                throw;
            }
        }
    }

    private bool CanWait(BotApiException ex, int attempt) =>
        ex.IsTooManyRequests && ex.RetryAfter is { } after && after <= _options.MaxRetryAfterSeconds && attempt < _options.MaxFloodRetries;

    private async Task WaitOutAsync(string method, long? chatId, int retryAfter, CancellationToken ct)
    {
        logger.LogWarning("Flood control on {Method} for chat {ChatId}: waiting {RetryAfter} s", method, chatId, retryAfter);
        await Task.Delay(TimeSpan.FromSeconds(retryAfter), time, ct);
    }
}
