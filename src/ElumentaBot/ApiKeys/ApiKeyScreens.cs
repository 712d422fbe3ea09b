using System.Net;
using Elumenta.Core.ApiKeys;
using ElumentaBot.Localization;
using ElumentaBot.Ui;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.ApiKeys;

/// <summary>The /apikey screens: the list with create and revoke buttons, the revoke confirmation, the once-only key.</summary>
public sealed class ApiKeyScreens(Localizer texts)
{
    public const string Prefix = "key";
    public const string ListData = Prefix + ":l";
    public const string CreateData = Prefix + ":new";

    public Screen List(string language, IReadOnlyList<ApiKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var lines = keys.Select(k => texts.Get(language, "apikey.item",
            ("prefix", k.Prefix),
            ("name", k.Name),
            ("created", DateTimeOffset.FromUnixTimeMilliseconds(k.CreatedAt)),
            ("used", k.LastUsedAt is { } used ? DateTimeOffset.FromUnixTimeMilliseconds(used) : texts.Get(language, "apikey.never"))));
        var text = texts.Get(language, "apikey.title", ("count", keys.Count), ("max", ApiKeyStore.MaxActiveKeys))
            + "\n\n" + (keys.Count > 0 ? string.Join("\n\n", lines) : texts.Get(language, "apikey.none"))
            + "\n\n" + texts.Get(language, "apikey.usage");
        var rows = keys.Select(k => new[] { Screen.Button(texts.Get(language, "apikey.revoke_button", ("prefix", k.Prefix)), $"{Prefix}:r:{k.Id}") }).ToList();
        if (keys.Count < ApiKeyStore.MaxActiveKeys)
        {
            rows.Insert(0, [Screen.Button(texts.Get(language, "apikey.create_button"), CreateData)]);
        }

        return new Screen(text, Screen.Rows(rows));
    }

    public Screen ConfirmRevoke(string language, ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new Screen(
            texts.Get(language, "apikey.confirm_revoke", ("prefix", key.Prefix), ("name", key.Name)),
            Screen.Rows(
            [
                [Screen.Button(texts.Get(language, "apikey.revoke_confirm_button"), $"{Prefix}:x:{key.Id}")],
                [Screen.Button(texts.Get(language, "apikey.cancel_button"), ListData)],
            ]));
    }

    /// <summary>HTML so the key is one tap to copy; the name is the user's text and is escaped.</summary>
    public Screen Created(string language, CreatedApiKey created) =>
        new(texts.Get(language, "apikey.created", ("key", created?.Secret), ("name", WebUtility.HtmlEncode(created?.Key.Name))), ParseMode: ParseMode.Html);

    /// <summary>A retry after the once-only key's message failed: the key exists but its secret is gone.</summary>
    public Screen CreatedUnseen(string language, string prefix) => new(texts.Get(language, "apikey.created_unseen", ("prefix", prefix)));

    public Screen PlanRequired(string language) =>
        new(texts.Get(language, "apikey.plan_required"),
            new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData(texts.Get(language, "apikey.plans_button"), "pay:plans")]]));
}
