using System.Globalization;
using System.Text;
using Elumenta.Core.Growth;
using Elumenta.Core.Storage;
using ElumentaBot.Growth.Referrals;
using ElumentaBot.Localization;
using Microsoft.Extensions.Logging;

namespace ElumentaBot.Growth.Promo;

/// <summary>
/// Admin <c>/promo new CODE TOKENS MAX_USES DAYS</c>, <c>/promo list</c>, <c>/promo end CODE</c>. Arguments are checked
/// one by one with a message naming what is wrong; writes run once per update (effects table).
/// </summary>
public sealed partial class PromoAdmin(Effects effects, PromoCodes promos, InviteLinks links, TimeProvider time, Localizer texts, ILogger<PromoAdmin> logger)
{
    public const int MaxTokens = 100_000;
    public const int MaxUses = 1_000_000;
    public const int MaxDays = 365;
    private static readonly string[] Reserved = ["NEW", "LIST", "END"];

    public async Task<string> RunAsync(string key, string[] args, string lang, long adminId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args[0].ToUpperInvariant(), args.Length)
        {
            case ("LIST", 1):
                return await ListAsync(lang, ct);
            case ("END", 2):
                return await EndAsync(key, args[1], lang, adminId, ct);
            case ("NEW", 5):
                return await CreateAsync(key, args[1..], lang, adminId, ct);
            default:
                return texts.Get(lang, "promo.admin.usage");
        }
    }

    private async Task<string> CreateAsync(string key, string[] a, string lang, long adminId, CancellationToken ct)
    {
        var code = PromoCodes.Normalize(a[0]);
        if (!PromoCodes.IsValidCode(code) || Reserved.Contains(code, StringComparer.Ordinal))
        {
            return texts.Get(lang, "promo.admin.bad_code");
        }

        if (Number(a[1], MaxTokens) is not { } tokens)
        {
            return texts.Get(lang, "promo.admin.bad_tokens", ("max", MaxTokens));
        }

        if (Number(a[2], MaxUses) is not { } uses)
        {
            return texts.Get(lang, "promo.admin.bad_uses", ("max", MaxUses));
        }

        if (Number(a[3], MaxDays) is not { } days)
        {
            return texts.Get(lang, "promo.admin.bad_days", ("max", MaxDays));
        }

        var link = await links.StartLinkAsync(PromoCodes.PayloadPrefix + code, ct);
        var once = await effects.RunOnceAsync(key, GrowthJson.Default.String, async (c, t) =>
        {
            var now = time.GetUtcNow();
            var expires = now.AddDays(days);
            var created = await PromoCodes.CreateAsync(c, t, code, tokens, uses, expires.ToUnixTimeMilliseconds(), adminId, now.ToUnixTimeMilliseconds(), ct);
            return created == PromoCreate.Duplicate
                ? texts.Get(lang, "promo.admin.duplicate", ("code", code))
                : texts.Get(lang, "promo.admin.created", ("code", code), ("tokens", texts.Plural(lang, "tokens", tokens)), ("uses", uses), ("date", expires), ("link", link));
        }, ct);
        if (once.First)
        {
            LogCreated(logger, adminId, code, tokens, uses, days);
        }

        return once.Value;
    }

    private async Task<string> EndAsync(string key, string code, string lang, long adminId, CancellationToken ct)
    {
        var shown = PromoCodes.Normalize(code);
        var once = await effects.RunOnceAsync(key, GrowthJson.Default.String, async (c, t) =>
            await PromoCodes.EndAsync(c, t, shown, time.NowMs(), ct)
                ? texts.Get(lang, "promo.admin.ended", ("code", shown))
                : texts.Get(lang, "promo.admin.end_unknown", ("code", shown)), ct);
        if (once.First)
        {
            LogEnded(logger, adminId, shown);
        }

        return once.Value;
    }

    private async Task<string> ListAsync(string lang, CancellationToken ct)
    {
        var codes = await promos.ListAsync(50, ct);
        if (codes.Count == 0)
        {
            return texts.Get(lang, "promo.admin.list_empty");
        }

        var now = time.NowMs();
        var text = new StringBuilder(texts.Get(lang, "promo.admin.list_header"));
        foreach (var p in codes)
        {
            var state = p.EndedAt is { } ended ? texts.Get(lang, "promo.admin.state_ended", ("date", UnixTime.FromMs(ended)))
                : p.ExpiresAt <= now ? texts.Get(lang, "promo.admin.state_expired", ("date", UnixTime.FromMs(p.ExpiresAt)))
                : texts.Get(lang, "promo.admin.state_active", ("date", UnixTime.FromMs(p.ExpiresAt)));
            text.Append('\n').Append(texts.Get(lang, "promo.admin.list_line", ("code", p.Code), ("tokens", texts.Plural(lang, "tokens", p.Tokens)),
                ("left", p.MaxUses - p.Uses), ("uses", p.MaxUses), ("state", state)));
        }

        return text.ToString();
    }

    private static int? Number(string value, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max ? n : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {AdminId} created promo code {Code}: {Tokens} tokens, {Uses} uses, {Days} days")]
    private static partial void LogCreated(ILogger logger, long adminId, string code, int tokens, int uses, int days);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {AdminId} ended promo code {Code}")]
    private static partial void LogEnded(ILogger logger, long adminId, string code);
}
