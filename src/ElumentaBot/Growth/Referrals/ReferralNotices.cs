using Elumenta.Core.Accounts;
using Elumenta.Core.Growth;
using ElumentaBot.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using CoreReferrals = Elumenta.Core.Growth.Referrals;

namespace ElumentaBot.Growth.Referrals;

/// <summary>
/// Tells inviters of a new referral and each bonus, and a referral of their first-payment gift. Sent after the
/// credit committed and claimed in the store first, so each is sent at most once; a lost notice is logged, never
/// retried into a second credit. Respects <c>notifications_enabled</c> and skips accounts that blocked the bot.
/// </summary>
public sealed partial class ReferralNotices(
    ITelegramBotClient bot, AccountService accounts, CoreReferrals referrals, ReferralRewards rewards, IOptions<ReferralOptions> options,
    Localizer texts, ILogger<ReferralNotices> logger)
{
    public async Task TellInviterOfJoinAsync(Account referral, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(referral);
        if (await referrals.ClaimJoinNoticeAsync(referral.Id, ct) is not { } inviterId)
        {
            return;
        }

        await SendAsync(inviterId, lang => texts.Get(lang, "growth.invite.joined_notice",
            ("name", referral.FirstName ?? "—"), ("percent", options.Value.InviterPercent)), ct);
    }

    /// <summary>After a payment's confirmation: the referral bonuses it caused, each told once.</summary>
    public async Task AfterPaymentAsync(string chargeId, CancellationToken ct)
    {
        IReadOnlyList<ReferralNotice> notices;
        try
        {
            notices = await rewards.ClaimNoticesAsync(chargeId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The bonuses are committed with the payment; failing here must not fail the payment's update.
            LogClaimFailed(logger, ex, chargeId);
            return;
        }

        foreach (var notice in notices)
        {
            var key = notice.Role == ReferralRewards.InviterRole ? "growth.invite.bonus_notice" : "growth.invite.first_payment_notice";
            await SendAsync(notice.AccountId, lang => texts.Get(lang, key, ("tokens", texts.Plural(lang, "tokens", notice.Tokens))), ct);
        }
    }

    private async Task SendAsync(long accountId, Func<string, string> text, CancellationToken ct)
    {
        if (await accounts.FindAsync(accountId, ct) is not { NotificationsEnabled: true, BlockedByUser: false } account)
        {
            return;
        }

        try
        {
            await bot.SendMessage(account.TelegramUserId, text(account.Language), cancellationToken: ct);
        }
        catch (RequestException ex)
        {
            LogNoticeFailed(logger, ex, accountId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Referral notices of charge {ChargeId} could not be claimed")]
    private static partial void LogClaimFailed(ILogger logger, Exception ex, string chargeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral notice to account {AccountId} could not be sent")]
    private static partial void LogNoticeFailed(ILogger logger, Exception ex, long accountId);
}
