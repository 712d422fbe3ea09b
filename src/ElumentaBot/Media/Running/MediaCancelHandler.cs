using ElumentaBot.Accounts;
using ElumentaBot.Chat.Sessions;
using ElumentaBot.Transport;
using ElumentaBot.Ui;

namespace ElumentaBot.Media.Running;

/// <summary>
/// <c>/cancel</c> ahead of chat's handler: with media jobs running it cancels them (the job listener tells the user,
/// "no tokens were charged") and stops a running chat answer too; with none it leaves the command to chat. Registered
/// in front of chat's handlers until chat's /cancel calls <see cref="IMediaJobs"/> itself.
/// </summary>
public sealed class MediaCancelHandler(CurrentUser current, IMediaJobs jobs, ChatSessions sessions)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command != "cancel" || context.Message is not { } message || current.Account is not { } account)
        {
            return false;
        }

        if (await jobs.CancelForChatAsync(message.Chat.Id, account.Id, ct) == 0)
        {
            return false;
        }

        await sessions.CancelAsync(message.Chat.Id);
        return true;
    }
}
