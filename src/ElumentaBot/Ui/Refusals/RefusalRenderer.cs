using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Limits;
using Elumenta.Providers;
using ElumentaBot.Localization;
using ElumentaBot.Ui;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Ui;

/// <summary>
/// Every refusal and failure the product spec lists, localized, with its buttons: admission refusals (tokens, limit,
/// plan, jobs, input) and provider failures ("no tokens were charged", Retry / Support). Reusable by any feature.
/// </summary>
public sealed class RefusalRenderer(Localizer texts, ModelCatalog catalog, TimeProvider time)
{
    public Refusal Render(AdmissionResult result, string language)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result switch
        {
            AdmissionResult.InsufficientTokens r => new Refusal(
                texts.Get(language, "refusal.tokens", ("price", Tokens(language, r.Price)), ("balance", Tokens(language, r.Balance))),
                Keyboard([Button(language, "buy", RefusalCallbacks.BuyTokens), Button(language, "plans", RefusalCallbacks.Plans)])),
            AdmissionResult.LimitReached r => new Refusal(
                texts.Get(language, r.Window == LimitWindow.Hour ? "refusal.limit.hour" : "refusal.limit.day",
                    ("plan", catalog.PlanOrFree(r.Plan).Name), ("limit", r.Limit), ("when", RelativeTime(r.NextSlotAt - time.GetUtcNow(), language))),
                PlansKeyboard(language)),
            AdmissionResult.PlanRequired r => new Refusal(
                texts.Get(language, "refusal.plan", ("model", r.Model.Name), ("plans", string.Join(", ", r.Plans.Select(p => p.Name)))),
                PlansKeyboard(language)),
            AdmissionResult.TooManyJobs r => new Refusal(texts.Get(language, "refusal.jobs", ("limit", r.Limit)), null),
            AdmissionResult.InvalidRequest r => new Refusal(Invalid(r, language), null),
            _ => throw new ArgumentException($"{result.GetType().Name} is not a refusal.", nameof(result)),
        };
    }

    /// <summary>A provider failure of an admitted generation (already released): "no tokens were charged", Retry and Support.</summary>
    public Refusal Render(ProviderException error, string language, long generationId)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Failure(error.KindName, language, generationId);
    }

    /// <summary>
    /// A failure by kind: a <see cref="ProviderException.KindName"/>, or <c>interrupted</c>, <c>empty</c>, <c>error</c>.
    /// </summary>
    public Refusal Failure(string kind, string language, long generationId)
    {
        var key = "refusal.failed." + kind;
        var text = texts.All(language).ContainsKey(key) ? texts.Get(language, key) : texts.Get(language, "refusal.failed.error");
        return new Refusal(text, Keyboard([
            Button(language, "retry", RefusalCallbacks.Retry(generationId)),
            Button(language, "support", RefusalCallbacks.Support(generationId)),
        ]));
    }

    /// <summary>A file over the download limit (checked before admission: nothing was reserved).</summary>
    public Refusal FileTooLarge(string language, long bytes, long limitBytes) =>
        new(texts.Get(language, "refusal.file_too_large", ("size", Megabytes(bytes)), ("limit", Megabytes(limitBytes))), null);

    public Refusal DownloadFailed(string language) => new(texts.Get(language, "refusal.download_failed"), null);

    /// <summary>"in 23 min", "in 2 h 5 min", "in less than a minute" in the user's language.</summary>
    public string RelativeTime(TimeSpan span, string language)
    {
        var minutes = (long)Math.Ceiling(Math.Max(0, span.TotalMinutes));
        if (span < TimeSpan.FromMinutes(1))
        {
            return texts.Get(language, "refusal.when.moment");
        }

        if (minutes < 60)
        {
            return texts.Get(language, "refusal.when.minutes", ("minutes", minutes));
        }

        return minutes % 60 == 0
            ? texts.Get(language, "refusal.when.hours", ("hours", minutes / 60))
            : texts.Get(language, "refusal.when.hours_minutes", ("hours", minutes / 60), ("minutes", minutes % 60));
    }

    private string Invalid(AdmissionResult.InvalidRequest r, string language) => r.Reason switch
    {
        InvalidReason.PromptTooLong => texts.Get(language, "refusal.invalid.prompt", ("length", r.Value ?? "?"), ("limit", r.Limit)),
        InvalidReason.Option => texts.Get(language, "refusal.invalid.option", ("option", r.Option), ("value", r.Value),
            ("allowed", r.Allowed is { Count: > 0 } allowed ? string.Join(", ", allowed) : "-")),
        InvalidReason.AccountBanned => texts.Get(language, "refusal.invalid.banned"),
        _ => texts.Get(language, "refusal.invalid.model"),
    };

    private string Tokens(string language, int count) => texts.Plural(language, "tokens", count);

    private InlineKeyboardMarkup PlansKeyboard(string language) => Keyboard([Button(language, "plans", RefusalCallbacks.Plans)]);

    private InlineKeyboardButton Button(string language, string name, string data) =>
        Screen.Button(texts.Get(language, "refusal.button." + name), data);

    private static InlineKeyboardMarkup Keyboard(InlineKeyboardButton[] row) => new([row]);

    private static double Megabytes(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 1);
}
