using ElumentaBot.Transport;
using CoreReferrals = Elumenta.Core.Growth.Referrals;

namespace ElumentaBot.Growth.Referrals;

/// <summary>Deep links to this bot (<c>https://t.me/&lt;bot&gt;?start=…</c>); the username comes from <c>getMe</c>.</summary>
public sealed class InviteLinks(BotIdentity identity, CoreReferrals referrals)
{
    public async Task<string> StartLinkAsync(string payload, CancellationToken ct) =>
        $"https://t.me/{(await identity.GetAsync(ct)).Username}?start={payload}";

    public async Task<string> ReferralLinkAsync(long accountId, CancellationToken ct) =>
        await StartLinkAsync(CoreReferrals.PayloadPrefix + await referrals.CodeAsync(accountId, ct), ct);
}
