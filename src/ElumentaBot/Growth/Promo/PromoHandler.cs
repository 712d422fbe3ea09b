using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Growth.Promo;

/// <summary>
/// <c>/promo CODE</c> redeems; <c>/promo</c> alone explains. An admin (private chat) also has
/// <c>/promo new|list|end</c>; for anyone else those words are just codes that do not exist.
/// </summary>
public sealed class PromoHandler(CurrentUser user, PromoRedeemer redeemer, PromoAdmin admin, Localizer texts)
{
    private static readonly string[] AdminVerbs = ["new", "list", "end"];

    public async Task PromoAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message)
        {
            return;
        }

        var args = context.CommandArgument.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var lang = user.Language;
        string reply;
        if (user.IsAdmin && message.Chat.Type == ChatType.Private && args.Length > 0 && AdminVerbs.Contains(args[0], StringComparer.OrdinalIgnoreCase))
        {
            reply = await admin.RunAsync(context.EffectKey, args, lang, message.From!.Id, ct);
        }
        else if (args.Length == 1)
        {
            reply = await redeemer.RedeemAsync(context.EffectKey, user.Require(), args[0], ct);
        }
        else
        {
            reply = texts.Get(lang, "promo.usage") + (user.IsAdmin ? "\n\n" + texts.Get(lang, "promo.admin.usage") : "");
        }

        await context.Bot.SendMessage(message.Chat.Id, reply, cancellationToken: ct);
    }
}
