using Elumenta.Core.Accounts;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Transport;

/// <summary>
/// In a private chat, <c>my_chat_member</c> arrives only when the user blocks ("kicked") or unblocks ("member") the
/// bot; it is mirrored on the account and goes no further (refreshing the account must not undo a block).
/// </summary>
public sealed class ReachabilityGate(AccountService accounts) : IUpdateGate
{
    public async ValueTask<bool> PassAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Update.MyChatMember is not { } change)
        {
            return true;
        }

        if (change.Chat.Type == ChatType.Private)
        {
            switch (change.NewChatMember?.Status)
            {
                case ChatMemberStatus.Kicked:
                    await accounts.MarkUnreachableAsync(change.From.Id, ct);
                    break;
                case ChatMemberStatus.Member:
                    await accounts.MarkReachableAsync(change.From.Id, ct);
                    break;
            }
        }

        return false;
    }
}
