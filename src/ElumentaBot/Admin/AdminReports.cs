using System.Globalization;
using System.Text;
using Elumenta.Core.Accounts;
using Elumenta.Core.Admin;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Limits;
using Elumenta.Core.Payments;
using Elumenta.Core.Storage;
using ElumentaBot.Localization;

namespace ElumentaBot.Admin;

/// <summary>The texts of <c>/stats</c> and <c>/user</c>.</summary>
public sealed class AdminReports(AdminStats stats, BillingService billing, RateLimiter limits, PaymentService payments, ModelCatalog catalog, Localizer texts)
{
    public const int TopModels = 10;

    /// <summary>The <c>/stats</c> text and the report it was written from (the chart draws the same report).</summary>
    public async Task<(string Text, StatsReport Report)> StatsAsync(int days, string lang, CancellationToken ct)
    {
        var report = await stats.GetAsync(days, TopModels, ct);
        var text = new StringBuilder(texts.Get(lang, "admin.stats.header", ("days", days), ("since", report.Since), ("total", report.Accounts),
            ("today", report.ActiveToday), ("week", report.ActiveThisWeek)));
        text.Append('\n').Append(texts.Get(lang, "admin.stats.new_accounts", ("count", report.NewAccounts)));
        Section(text, texts.Get(lang, "admin.stats.categories", ("total", report.Days.Sum(d => d.AllGenerations))), report.GenerationsByCategory.Select(g =>
            texts.Get(lang, "admin.stats.category_line", ("category", CategoryName(lang, g.Key)), ("count", g.Value))), lang);
        Section(text, texts.Get(lang, "admin.stats.models"), report.TopModels.Select(m =>
            texts.Get(lang, "admin.stats.model_line", ("model", m.Model), ("count", m.Generations), ("tokens", m.TokensSpent))), lang);
        Section(text, texts.Get(lang, "admin.stats.revenue", ("total", report.StarsReceived)), report.Revenue.Select(r =>
            texts.Get(lang, "admin.stats.revenue_line", ("kind", r.Kind), ("product", r.Product), ("count", r.Payments), ("stars", r.Stars))), lang);
        text.Append('\n').Append(texts.Get(lang, "admin.stats.refunds", ("count", report.RefundedPayments), ("stars", report.RefundedStars)));
        Section(text, texts.Get(lang, "admin.stats.failures"), report.Failures.Select(f =>
            texts.Get(lang, "admin.stats.failure_line", ("provider", f.Provider), ("kind", f.ErrorKind), ("count", f.Count))), lang);
        return (text.ToString(), report);
    }

    /// <summary>A category's admin name in the language ("AudioTool" → "Audio tools"); an unknown one as stored.</summary>
    public string CategoryName(string lang, string category) =>
        texts.All(lang).TryGetValue("admin.stats.category." + category.ToLowerInvariant(), out var name) ? name : category;

    public async Task<string> UserAsync(Account account, string lang, CancellationToken ct)
    {
        var status = await limits.GetStatusAsync(account.Id, ct);
        var cycle = await billing.GetCurrentCycleAsync(account.Id, ct);
        var recent = await payments.ListRecentAsync(account.Id, 5, ct);
        var lines = recent.Select(p => texts.Get(lang, "admin.user.payment_line", ("at", UnixTime.FromMs(p.CreatedAt)), ("kind", p.Kind), ("product", p.ProductCode),
            ("stars", p.Stars), ("status", p.Status), ("charge", p.TelegramPaymentChargeId))).ToList();
        var flags = new[] { (account.Banned, "admin.user.flag_banned"), (account.BlockedByUser, "admin.user.flag_blocked"), (!account.NotificationsEnabled, "admin.user.flag_quiet") }
            .Where(f => f.Item1).Select(f => texts.Get(lang, f.Item2)).ToList();
        var unlimited = texts.Get(lang, "admin.user.unlimited");
        return texts.Get(lang, "admin.user.summary",
            ("id", account.Id.ToString(CultureInfo.InvariantCulture)), ("tg", account.TelegramUserId.ToString(CultureInfo.InvariantCulture)),
            ("username", account.Username is { } u ? "@" + u : ""), ("lang", account.Language), ("created", UnixTime.FromMs(account.CreatedAt)),
            ("seen", UnixTime.FromMs(account.LastSeenAt)), ("plan", catalog.PlanOrFree(account.Plan).Name), ("until", account.PlanEndsAt),
            ("renews", cycle is { Renews: true } ? texts.Get(lang, "admin.user.renews") : ""),
            ("plan_tokens", account.PlanTokens), ("bonus_tokens", account.BonusTokens),
            ("hour", status.HourLimit is { } h ? $"{status.HourUsed}/{h}" : unlimited), ("day", status.DayLimit is { } d ? $"{status.DayUsed}/{d}" : unlimited),
            ("flags", flags.Count > 0 ? string.Join(", ", flags) : texts.Get(lang, "admin.user.flag_none")),
            ("payments", lines.Count > 0 ? string.Join("\n", lines) : texts.Get(lang, "admin.user.no_payments")));
    }

    private void Section(StringBuilder text, string title, IEnumerable<string> lines, string lang)
    {
        var list = lines.ToList();
        text.Append("\n\n").Append(title).Append('\n').Append(list.Count > 0 ? string.Join("\n", list) : texts.Get(lang, "admin.stats.none"));
    }
}
