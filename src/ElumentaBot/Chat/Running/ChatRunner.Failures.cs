using ElumentaBot.Transport;
using ElumentaBot.Chat.Delivery;
using ElumentaBot.Ui;
using ElumentaBot.Chat.Streaming;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Chat.Running;

public sealed partial class ChatRunner
{
    private async Task<ChatOutcome> FailAsync(ChatJob job, long generationId, string kind, string error, ILiveView? view, CancellationToken ct, bool interrupted = false)
    {
        await generations.FailAsync(generationId, kind, error, ct: CancellationToken.None);
        var refusal = refusals.Failure(kind, job.Language, generationId);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(interrupted ? 2 : 30));
        await QuietlyAsync(SendRefusalAsync(ChatTarget.Of(job), refusal, view, deadline.Token), job.ChatId);
        return interrupted ? ChatOutcome.Interrupted : ChatOutcome.Failed;
    }

    private async Task<ChatOutcome> RefuseAsync(ChatTarget target, Refusal refusal, CancellationToken ct)
    {
        await QuietlyAsync(SendRefusalAsync(target, refusal, null, ct), target.ChatId);
        return ChatOutcome.Refused;
    }

    private Task SendRefusalAsync(ChatTarget target, Refusal refusal, ILiveView? view, CancellationToken ct) =>
        view is not null
            ? view.AbandonAsync(refusal, ct)
            : delivery.SendAsync(target, refusal.Text, ParseMode.None, null, reply: true, ct, refusal.Keyboard);

    // Only for recovery's sake: a failed write leaves it to send a new notice, the answer goes on.
    private async Task RecordLiveMessageAsync(long generationId, int messageId)
    {
        try
        {
            await generations.SetLiveMessageAsync(generationId, messageId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record the live message of chat answer {GenerationId}", generationId);
        }
    }

    private Refusal InputRefusal(ChatInputException ex, string language) =>
        ex.Size is { } size ? refusals.FileTooLarge(language, size, ex.Limit) : refusals.DownloadFailed(language);

    // Telling the user is best effort: a blocked chat or a shutdown must not turn a settled failure into a retry.
    private async Task QuietlyAsync(Task? send, long chatId)
    {
        try
        {
            if (send is not null)
            {
                await send;
            }
        }
        catch (Exception ex) when (ex is RequestException or OperationCanceledException or HttpRequestException)
        {
            logger.LogInformation(ex, "Could not tell chat {ChatId} how its request ended", chatId);
        }
    }
}
