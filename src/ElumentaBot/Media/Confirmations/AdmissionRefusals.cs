using Elumenta.Core.Generations;
using Elumenta.Core.Limits;
using ElumentaBot.BotApi;
using ElumentaBot.Localization;

namespace ElumentaBot.Media.Confirmations;

/// <summary>
/// Why admission said no, in the user's language; nothing was reserved or counted. A local seam until the chat
/// engineer's shared <c>RefusalRenderer</c> lands on main.
/// </summary>
public sealed class AdmissionRefusals(IBotApi bot, Localizer texts)
{
    public Task SendAsync(MediaUser user, AdmissionResult result, int? replyTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lang = user.Language;
        var text = result switch
        {
            AdmissionResult.InsufficientTokens t => texts.Get(lang, "media.refusal.tokens",
                ("price", texts.Plural(lang, "tokens", t.Price)), ("balance", texts.Plural(lang, "tokens", t.Balance))),
            AdmissionResult.LimitReached l => texts.Get(lang, l.Window == LimitWindow.Hour ? "media.refusal.limit_hour" : "media.refusal.limit_day",
                ("limit", l.Limit), ("at", l.NextSlotAt)),
            AdmissionResult.PlanRequired p => texts.Get(lang, "media.refusal.plan",
                ("model", p.Model.Name), ("plans", string.Join(", ", p.Plans.Select(x => x.Name)))),
            AdmissionResult.TooManyJobs j => texts.Get(lang, "media.refusal.jobs", ("limit", j.Limit)),
            AdmissionResult.InvalidRequest { Reason: InvalidReason.PromptTooLong } i => texts.Get(lang, "media.prompt_too_long",
                ("length", i.Value ?? ""), ("limit", i.Limit ?? 0)),
            AdmissionResult.InvalidRequest { Reason: InvalidReason.Option } i => texts.Get(lang, "media.option_invalid",
                ("option", i.Option ?? ""), ("value", i.Value ?? ""), ("allowed", string.Join(", ", i.Allowed ?? []))),
            AdmissionResult.InvalidRequest { Reason: InvalidReason.AccountBanned } => texts.Get(lang, "common.banned"),
            _ => texts.Get(lang, "media.unavailable"),
        };
        return bot.SendMessage(new SendMessageRequest
        {
            ChatId = user.ChatId,
            Text = text,
            ReplyParameters = replyTo is { } r ? new ReplyParameters { MessageId = r, AllowSendingWithoutReply = true } : null,
        }, ct);
    }
}
