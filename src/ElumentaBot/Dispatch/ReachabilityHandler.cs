using Elumenta.Core.Accounts;

namespace ElumentaBot.Dispatch;

/// <summary>
/// In a private chat, <c>my_chat_member</c> arrives only when the user blocks ("kicked") or unblocks
/// ("member") the bot; mirror it on the account. Passes the update on so product layers may see it too.
/// </summary>
public sealed class ReachabilityHandler(AccountService accounts) : IUpdateHandler
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Update.MyChatMember is { Chat.IsPrivate: true } change)
        {
            switch (change.NewChatMember?.Status)
            {
                case "kicked":
                    await accounts.MarkUnreachableAsync(change.From.Id, ct);
                    break;
                case "member":
                    await accounts.MarkReachableAsync(change.From.Id, ct);
                    break;
            }
        }

        return false;
    }
}
