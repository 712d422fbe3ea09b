using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using ElumentaBot.Localization;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Payments;

/// <summary>The texts and keyboards of <c>/plans</c>, <c>/buy</c> and the plan-replacement warning.</summary>
public sealed class PlanOffers(ModelCatalog catalog, Localizer texts, TimeProvider clock)
{
    public IEnumerable<Plan> PaidPlans => catalog.Plans.Where(p => p.IsPaid);

    /// <summary>A paid plan that has not run out yet (one being replaced needs a warning first).</summary>
    public bool HasActivePlan(Account account) =>
        account.Plan != Plan.Free && account.PlanEndsAt is { } end && end > clock.GetUtcNow();

    public (string Text, InlineKeyboardMarkup Keyboard) Plans(Account account, string lang)
    {
        var current = HasActivePlan(account)
            ? texts.Get(lang, "pay.plans.current", ("plan", NameOf(account.Plan)), ("date", account.PlanEndsAt), ("balance", Tokens(lang, account.Balance)))
            : texts.Get(lang, "pay.plans.current_free", ("balance", Tokens(lang, account.Balance)));
        var cards = PaidPlans.Select(p => texts.Get(lang, "pay.plans.card",
            ("mark", HasActivePlan(account) && account.Plan == p.Code ? texts.Get(lang, "pay.plans.mark_current") : ""),
            ("name", p.Name), ("stars", p.Stars), ("tokens", Tokens(lang, p.TokensPerCycle)), ("limits", Limits(lang, p)),
            ("api", p.ApiAccess ? texts.Get(lang, "pay.plans.api") : ""), ("jobs", p.MaxConcurrentJobs)));
        var text = string.Join("\n\n", [texts.Get(lang, "pay.plans.title"), current, .. cards, texts.Get(lang, "pay.plans.footer")]);
        var rows = PaidPlans.Select(p => new[] { InlineKeyboardButton.WithCallbackData(texts.Get(lang, "pay.plans.button", ("name", p.Name), ("stars", p.Stars)), PayCallbacks.Plan(p.Code)) })
            .Append([InlineKeyboardButton.WithCallbackData(texts.Get(lang, "pay.plans.packages_button"), PayCallbacks.Buy)]);
        return (text, new InlineKeyboardMarkup([.. rows]));
    }

    public (string Text, InlineKeyboardMarkup Keyboard) Packages(Account account, string lang)
    {
        var lines = catalog.Packages.Select(p => texts.Get(lang, "pay.buy.line", ("name", p.Name), ("tokens", Tokens(lang, p.Tokens)), ("stars", p.Stars)));
        var text = texts.Get(lang, "pay.buy.title", ("balance", Tokens(lang, account.Balance))) + "\n\n" + string.Join("\n", lines);
        var buttons = catalog.Packages.Select(p => InlineKeyboardButton.WithCallbackData(
            texts.Get(lang, "pay.buy.button", ("tokens", Tokens(lang, p.Tokens)), ("stars", p.Stars)), PayCallbacks.Package(p.Code)));
        var rows = buttons.Chunk(2).Append([InlineKeyboardButton.WithCallbackData(texts.Get(lang, "pay.buy.plans_button"), PayCallbacks.Plans)]);
        return (text, new InlineKeyboardMarkup([.. rows]));
    }

    /// <summary>Spec section 4: replaced at once, a new cycle, the old plan's tokens lost, its subscription cancelled.</summary>
    public (string Text, InlineKeyboardMarkup Keyboard) ReplaceWarning(Account account, Plan next, string lang)
    {
        var current = catalog.PlanOrFree(account.Plan);
        var text = texts.Get(lang, "pay.plan.replace_warning",
            ("current", current.Name), ("date", account.PlanEndsAt), ("left", Tokens(lang, account.PlanTokens)), ("new", next.Name),
            ("new_tokens", Tokens(lang, next.TokensPerCycle)), ("bonus", Tokens(lang, account.BonusTokens)));
        if (next.TokensPerCycle < current.TokensPerCycle)
        {
            text += texts.Get(lang, "pay.plan.downgrade_warning", ("new", next.Name), ("current", current.Name));
        }

        return (text, new InlineKeyboardMarkup(
        [
            [InlineKeyboardButton.WithCallbackData(texts.Get(lang, "pay.plan.confirm_button", ("name", next.Name)), PayCallbacks.ConfirmPlan(next.Code))],
            [InlineKeyboardButton.WithCallbackData(texts.Get(lang, "pay.plan.cancel_button"), PayCallbacks.Cancel)],
        ]));
    }

    public string Limits(string lang, Plan plan) => plan.HourlyLimit is { } hour && plan.DailyLimit is { } day
        ? texts.Get(lang, "pay.plans.limits", ("hour", hour), ("day", day))
        : texts.Get(lang, "pay.plans.unlimited");

    public string NameOf(string planCode) => catalog.PlanOrFree(planCode).Name;

    public string Tokens(string lang, long count) => texts.Plural(lang, "tokens", count);
}
