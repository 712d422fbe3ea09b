using Elumenta.Core.Accounts;
using Elumenta.Core.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Args;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types;

namespace ElumentaBot.Transport;

/// <summary>
/// The <see cref="ITelegramBotClient"/> every feature gets: Telegram.Bot's client (with its own 429 retry off)
/// wrapped in our outbound policy. Chat-bound sends are paced per chat and globally, 429s are waited out
/// (bounded), a group's migration to a supergroup is followed once, a block marks the account unreachable,
/// "message is not modified" counts as success (the edit's result is then null) and "query is too old" is
/// ignored (false). Every call has a deadline; a timeout surfaces as a transient <see cref="RequestException"/>.
/// </summary>
public sealed class PacedBotClient(
    ITelegramBotClient inner,
    OutboundPacer pacer,
    AccountService accounts,
    IOptions<PacingOptions> pacing,
    IOptions<TelegramOptions> telegram,
    TimeProvider time,
    ILogger<PacedBotClient> logger,
    ElumentaMetrics? metrics = null) : ITelegramBotClient
{
    private readonly PacingOptions _pacing = pacing.Value;
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(telegram.Value.RequestTimeoutSeconds);
    private readonly TimeSpan _uploadTimeout = TimeSpan.FromSeconds(telegram.Value.UploadTimeoutSeconds);
    private readonly TimeSpan _pollMargin = TimeSpan.FromSeconds(Math.Max(15, telegram.Value.RequestTimeoutSeconds / 2));

    public bool LocalBotServer => inner.LocalBotServer;

    public long BotId => inner.BotId;

    public TimeSpan Timeout { get => inner.Timeout; set => inner.Timeout = value; }

    public IExceptionParser ExceptionsParser { get => inner.ExceptionsParser; set => inner.ExceptionsParser = value; }

    public event AsyncEventHandler<ApiRequestEventArgs>? OnMakingApiRequest
    {
        add => inner.OnMakingApiRequest += value;
        remove => inner.OnMakingApiRequest -= value;
    }

    public event AsyncEventHandler<ApiResponseEventArgs>? OnApiResponseReceived
    {
        add => inner.OnApiResponseReceived += value;
        remove => inner.OnApiResponseReceived -= value;
    }

    public Task<bool> TestApi(CancellationToken cancellationToken = default) => inner.TestApi(cancellationToken);

    public Task DownloadFile(string filePath, Stream destination, CancellationToken cancellationToken = default) =>
        WithDeadline(_uploadTimeout, c => inner.DownloadFile(filePath, destination, c), cancellationToken);

    public Task DownloadFile(TGFile file, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return DownloadFile(file.FilePath!, destination, cancellationToken);
    }

    public async Task<TResponse> SendRequest<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The poller owns getUpdates' retries and backoff; its deadline is the long-poll timeout plus a margin.
        if (request is RawUpdatesRequest or GetUpdatesRequest)
        {
            var poll = TimeSpan.FromSeconds((request as RawUpdatesRequest)?.Timeout ?? (request as GetUpdatesRequest)?.Timeout ?? 0);
            return await WithDeadline(poll + _pollMargin, c => inner.SendRequest(request, c), cancellationToken);
        }

        try
        {
            return await SendPacedAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex.IsMessageNotModified() && request.MethodName.StartsWith("edit", StringComparison.Ordinal))
        {
            return default!;
        }
        catch (Exception ex) when (ex.IsQueryTooOld() && request is AnswerCallbackQueryRequest or AnswerInlineQueryRequest)
        {
            return default!;
        }
    }

    private async Task<TResponse> SendPacedAsync<TResponse>(IRequest<TResponse> request, CancellationToken ct)
    {
        var chatId = (request as IChatTargetable)?.ChatId?.Identifier;
        var timeout = Uploads.HasStream(request) ? _uploadTimeout : _timeout;
        // The lane is held for the whole call, retries included, so one chat's messages keep their order.
        using var lane = chatId is { } id && IsPaced(request) ? await pacer.EnterAsync(id, ct) : null;
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
                if (attempt > 0)
                {
                    Uploads.Rewind(request);
                }

                return await WithDeadline(timeout, c => inner.SendRequest(request, c), ct);
            }
            catch (ApiRequestException ex) when (CanWait(ex, attempt))
            {
                var after = ex.RetryAfter()!.Value;
                pacer.OnFlood(chatId, after);
                metrics?.Telegram429(request.MethodName);
                logger.LogWarning("Flood control on {Method} for chat {ChatId}: waiting {RetryAfter} s", request.MethodName, chatId, after);
                await Task.Delay(TimeSpan.FromSeconds(after), time, ct);
            }
            catch (ApiRequestException ex) when (ex.MigrateToChatId() is { } newChatId && !migrated && chatId is not null)
            {
                logger.LogWarning("Chat {ChatId} migrated to {NewChatId}; re-sending {Method}", chatId, newChatId, request.MethodName);
                Retarget(request, newChatId);
                chatId = newChatId;
                migrated = true;
            }
            catch (ApiRequestException ex) when (ex.IsBlocked() && chatId > 0)
            {
                logger.LogInformation("User {ChatId} blocked the bot; marking the account unreachable", chatId);
                await accounts.MarkUnreachableAsync(chatId.Value, CancellationToken.None);
                throw;
            }
        }
    }

    // Chat actions and deletions are not messages a user reads; they never wait behind the chat's sends.
    private static bool IsPaced<TResponse>(IRequest<TResponse> request) =>
        request is not (SendChatActionRequest or DeleteMessageRequest or DeleteMessagesRequest);

    private bool CanWait(ApiRequestException ex, int attempt) =>
        ex.IsTooManyRequests() && ex.RetryAfter() is { } after && after <= _pacing.MaxRetryAfterSeconds && attempt < _pacing.MaxFloodRetries;

    private static void Retarget(IRequest request, long chatId) =>
        request.GetType().GetProperty(nameof(IChatTargetable.ChatId))?.SetValue(request, new ChatId(chatId));

    private static async Task<T> WithDeadline<T>(TimeSpan deadline, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(deadline);
        try
        {
            return await call(cts.Token);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new RequestException($"Bot API request timed out after {deadline.TotalSeconds:0.#} s", ex);
        }
    }

    private static Task WithDeadline(TimeSpan deadline, Func<CancellationToken, Task> call, CancellationToken ct) =>
        WithDeadline(deadline, async c => { await call(c); return true; }, ct);
}
