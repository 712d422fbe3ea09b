using Elumenta.Core.Growth;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using CoreReferrals = Elumenta.Core.Growth.Referrals;

namespace ElumentaBot.Growth.Referrals;

/// <summary><c>/invite</c>: the user's own referral link (the same every time) and what it has earned.</summary>
public sealed class InviteHandler(CurrentUser user, InviteLinks links, CoreReferrals referrals, IOptions<ReferralOptions> options, Localizer texts)
{
    public async Task InviteAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message)
        {
            return;
        }

        var account = user.Require();
        var lang = user.Language;
        var link = await links.ReferralLinkAsync(account.Id, ct);
        var stats = await referrals.StatsAsync(account.Id, ct);
        var text = texts.Get(lang, "growth.invite", ("link", link), ("percent", options.Value.InviterPercent),
            ("bonus", texts.Plural(lang, "tokens", options.Value.FirstPaymentBonus)),
            ("joined", stats.Joined), ("earned", texts.Plural(lang, "tokens", stats.TokensEarned)));
        await context.Bot.SendMessage(message.Chat.Id, text, cancellationToken: ct);
    }
}
