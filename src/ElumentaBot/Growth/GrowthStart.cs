using Elumenta.Core.Growth;
using ElumentaBot.Accounts;
using ElumentaBot.Growth.Promo;
using ElumentaBot.Growth.Referrals;
using ElumentaBot.Transport;
using Telegram.Bot;

namespace ElumentaBot.Growth;

/// <summary>
/// What a <c>/start</c> payload does after the greeting: <c>ref-…</c> tells the inviter (the referral itself was
/// recorded by the account gate when this update created the account); <c>promo-…</c> redeems the code, for new and
/// existing accounts alike, once per update.
/// </summary>
public sealed class GrowthStart(CurrentUser user, ReferralNotices notices, PromoRedeemer promo)
{
    public async Task AfterStartAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = context.CommandArgument;
        if (context.Message is not { } message || payload.Length == 0)
        {
            return;
        }

        var account = user.Require();
        if (payload.StartsWith(Elumenta.Core.Growth.Referrals.PayloadPrefix, StringComparison.Ordinal))
        {
            await notices.TellInviterOfJoinAsync(account, ct);
        }
        else if (payload.StartsWith(PromoCodes.PayloadPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var reply = await promo.RedeemAsync(context.EffectKey + ":promo", account, payload[PromoCodes.PayloadPrefix.Length..], ct);
            await context.Bot.SendMessage(message.Chat.Id, reply, cancellationToken: ct);
        }
    }
}
