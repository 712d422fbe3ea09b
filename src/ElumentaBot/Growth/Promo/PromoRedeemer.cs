using Dapper;
using Elumenta.Core.Accounts;
using Elumenta.Core.Growth;
using Elumenta.Core.Storage;
using ElumentaBot.Localization;
using Microsoft.Extensions.Logging;

namespace ElumentaBot.Growth.Promo;

/// <summary>
/// A user's redemption, once per idempotency key: the credit, the key and the reply commit together, so a retried
/// update re-sends the stored reply instead of redeeming again (or answering "already used").
/// </summary>
public sealed partial class PromoRedeemer(Effects effects, TimeProvider time, Localizer texts, ILogger<PromoRedeemer> logger)
{
    public async Task<string> RedeemAsync(string key, Account account, string code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        var lang = account.Language;
        var shown = PromoCodes.Normalize(code);
        if (!PromoCodes.IsValidCode(shown))
        {
            return texts.Get(lang, "promo.unknown", ("code", shown.Length > PromoCodes.MaxLength ? shown[..PromoCodes.MaxLength] + "…" : shown));
        }

        var once = await effects.RunOnceAsync(key, GrowthJson.Default.String, async (c, t) =>
        {
            var result = await PromoCodes.RedeemAsync(c, t, account.Id, shown, time.NowMs(), ct);
            if (result.Outcome != PromoRedeem.Credited)
            {
                return texts.Get(lang, Key(result.Outcome), ("code", shown));
            }

            var balance = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT plan_tokens + bonus_tokens FROM accounts WHERE id = @Id", new { account.Id }, t, cancellationToken: ct));
            return texts.Get(lang, "promo.credited", ("code", shown), ("tokens", texts.Plural(lang, "tokens", result.Tokens)), ("balance", texts.Plural(lang, "tokens", balance)));
        }, ct);
        if (once.First)
        {
            LogRedeemAttempt(logger, account.Id, shown);
        }

        return once.Value;
    }

    private static string Key(PromoRedeem outcome) => outcome switch
    {
        PromoRedeem.Expired => "promo.expired",
        PromoRedeem.UsedUp => "promo.used_up",
        PromoRedeem.Ended => "promo.ended",
        PromoRedeem.AlreadyUsed => "promo.already_used",
        _ => "promo.unknown",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} tried promo code {Code}")]
    private static partial void LogRedeemAttempt(ILogger logger, long accountId, string code);
}
