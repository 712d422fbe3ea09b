using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Limits;
using ElumentaBot.Localization;
using ElumentaBot.Ui;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Profile;

/// <summary>/balance and the Profile tap: plan and its end, both pools, requests left in each window and when a full one frees.</summary>
public sealed class BalanceScreen(Localizer texts, ModelCatalog catalog, BillingService billing, RateLimiter limits, AccountService accounts)
{
    public async Task<Screen> RenderAsync(Account account, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        // The update's account may be a moment old (the recent-accounts cache); money shown is read now, so a
        // spend through the API a second ago is in it.
        account = await accounts.FindAsync(account.Id, ct) ?? account;
        var plan = catalog.PlanOrFree(account.Plan);
        var lines = new List<string> { texts.Get(language, "balance.title"), await PlanLineAsync(account, plan, language, ct) };
        lines.Add(texts.Get(language, "balance.tokens",
            ("plan_tokens", texts.Plural(language, "tokens", account.PlanTokens)),
            ("bonus_tokens", texts.Plural(language, "tokens", account.BonusTokens)),
            ("total", texts.Plural(language, "tokens", account.Balance))));
        lines.Add(LimitsText(await limits.GetStatusAsync(account.Id, ct), language));
        if (!plan.IsPaid)
        {
            lines.Add(texts.Get(language, "balance.starter_hint"));
        }

        var markup = new InlineKeyboardMarkup(
        [
            [InlineKeyboardButton.WithCallbackData(texts.Get(language, "balance.buy_button"), "pay:buy"), InlineKeyboardButton.WithCallbackData(texts.Get(language, "balance.plans_button"), "pay:plans")],
            [Screen.Button(texts.Get(language, "balance.settings_button"), SettingsScreens.HomeData), InlineKeyboardButton.WithCallbackData(texts.Get(language, "balance.support_button"), "sup:open")],
        ]);
        return new Screen(string.Join("\n\n", lines), markup);
    }

    private async Task<string> PlanLineAsync(Account account, Plan plan, string language, CancellationToken ct)
    {
        if (!plan.IsPaid)
        {
            return texts.Get(language, "balance.plan_free", ("plan", plan.Name));
        }

        var cycle = await billing.GetCurrentCycleAsync(account.Id, ct);
        var ends = cycle is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(c.EndsAt) : account.PlanEndsAt;
        return ends is not { } at
            ? texts.Get(language, "balance.plan_no_end", ("plan", plan.Name))
            : texts.Get(language, cycle?.Renews == true ? "balance.plan_renews" : "balance.plan_ends", ("plan", plan.Name), ("date", at));
    }

    private string LimitsText(LimitStatus status, string language)
    {
        if (status.HourLimit is null && status.DayLimit is null)
        {
            return texts.Get(language, "balance.limits_unlimited");
        }

        var text = texts.Get(language, "balance.limits",
            ("hour_left", Left(status.HourRemaining, status.HourLimit, language)),
            ("day_left", Left(status.DayRemaining, status.DayLimit, language)));
        return status.Exhausted is { } window && status.NextSlotAt is { } next
            ? text + "\n" + texts.Get(language, window == LimitWindow.Hour ? "balance.hour_full" : "balance.day_full", ("at", next))
            : text;
    }

    private string Left(int? remaining, int? limit, string language) =>
        limit is { } max ? texts.Get(language, "balance.left_of", ("left", remaining ?? 0), ("limit", max)) : texts.Get(language, "balance.unlimited");
}
