using System.Text.Json.Serialization;
using Elumenta.Core.Accounts;
using Elumenta.Core.ApiKeys;
using Elumenta.Core.Catalog;
using Elumenta.Core.Storage;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.ApiKeys;

/// <summary>
/// <c>/apikey [new name]</c> and the <c>key:</c> buttons, for plans with API access (VIP, Elite). Keys are only ever
/// handled in a private chat: a key shown in a group is a leaked key. Creating and revoking happen once per update:
/// the update id (command) or callback query id (button) is recorded with the key in one transaction.
/// </summary>
public sealed class ApiKeyHandler(ApiKeyStore keys, ApiKeyScreens screens, Effects effects, ModelCatalog catalog, CurrentUser user, Localizer texts)
{
    public async Task CommandAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message)
        {
            return;
        }

        var account = user.Require();
        var language = user.Language;
        if (!message.Chat.IsPrivate())
        {
            await context.Bot.SendMessage(message.Chat.Id, texts.Get(language, "apikey.private_only"), cancellationToken: ct);
        }
        else if (!catalog.PlanOrFree(account.Plan).ApiAccess)
        {
            await context.SendAsync(message.Chat.Id, screens.PlanRequired(language), ct);
        }
        else if (context.CommandArgument.Split(' ', 2) is ["new", var name])
        {
            await CreateAsync(context, message.Chat.Id, account, name, ct);
        }
        else
        {
            await context.SendAsync(message.Chat.Id, screens.List(language, await keys.ListAsync(account.Id, ct)), ct);
        }
    }

    public async Task CallbackAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Callback is not { } query)
        {
            return;
        }

        var account = user.Require();
        var language = user.Language;
        if (query.Message is { Chat.Type: not ChatType.Private })
        {
            await context.AnswerAsync(query, texts.Get(language, "apikey.private_only"), alert: true, ct: ct);
            return;
        }

        if (!catalog.PlanOrFree(account.Plan).ApiAccess)
        {
            await context.AnswerAsync(query, ct: ct);
            await context.ShowAsync(query, screens.PlanRequired(language), ct);
            return;
        }

        switch (context.CallbackParts(ApiKeyScreens.Prefix))
        {
            case [_, "new"]:
                await context.AnswerAsync(query, ct: ct);
                await CreateAsync(context, query.Message?.Chat.Id ?? query.From.Id, account, null, ct);
                return;

            case [_, "r", var raw] when long.TryParse(raw, out var id) && await keys.FindAsync(account.Id, id, ct) is { IsActive: true } key:
                await context.AnswerAsync(query, ct: ct);
                await context.ShowAsync(query, screens.ConfirmRevoke(language, key), ct);
                return;

            case [_, "x", var raw] when long.TryParse(raw, out var id) && await RevokeAsync(context, account, id, ct):
                await context.AnswerAsync(query, texts.Get(language, "apikey.revoked"), ct: ct);
                break;

            case [_, "l"]:
                await context.AnswerAsync(query, ct: ct);
                break;

            default:
                await context.AnswerAsync(query, texts.Get(language, "apikey.stale"), ct: ct);
                break;
        }

        await context.ShowAsync(query, screens.List(language, await keys.ListAsync(account.Id, ct)), ct);
    }

    private async Task<bool> RevokeAsync(UpdateContext context, Account account, long keyId, CancellationToken ct) =>
        (await effects.RunOnceAsync(context.EffectKey, ApiKeyJson.Default.Boolean,
            (c, t) => keys.RevokeAsync(c, t, account.Id, keyId, ct), ct)).Value;

    /// <summary>
    /// The secret exists only in this attempt's memory: the store keeps its hash, and the effect records only the
    /// key's id and prefix (a secret in the effects table would undo the hashing). So a retry after the secret's
    /// message failed cannot show it again; it says the key exists, by prefix, and the list offers to revoke it.
    /// It does not revoke it itself: the failed send may have reached the user after all.
    /// </summary>
    private async Task CreateAsync(UpdateContext context, long chatId, Account account, string? name, CancellationToken ct)
    {
        var language = user.Language;
        if (string.IsNullOrWhiteSpace(name))
        {
            name = texts.Get(language, "apikey.default_name", ("n", (await keys.ListAsync(account.Id, ct)).Count + 1));
        }

        name = name.Trim();
        name = name.Length > ApiKeyStore.MaxNameLength ? name[..ApiKeyStore.MaxNameLength] : name;
        CreatedApiKey? created = null;
        var once = await effects.RunOnceAsync(context.EffectKey, ApiKeyJson.Default.KeyCreation, async (c, t) =>
        {
            created = await keys.CreateAsync(c, t, account.Id, name, ct);
            return new KeyCreation(created?.Key.Id, created?.Key.Prefix);
        }, ct);

        if (once.Value is not { KeyId: not null, Prefix: { } prefix })
        {
            await context.Bot.SendMessage(chatId, texts.Get(language, "apikey.too_many", ("max", ApiKeyStore.MaxActiveKeys)), cancellationToken: ct);
            return;
        }

        await context.SendAsync(chatId, once.First && created is not null ? screens.Created(language, created) : screens.CreatedUnseen(language, prefix), ct);
        await context.SendAsync(chatId, screens.List(language, await keys.ListAsync(account.Id, ct)), ct);
    }
}

/// <summary>What a key creation recorded: the key's id and display prefix (never its secret); no id when the limit was reached.</summary>
public sealed record KeyCreation(long? KeyId, string? Prefix);

[JsonSerializable(typeof(KeyCreation))]
[JsonSerializable(typeof(bool))]
internal sealed partial class ApiKeyJson : JsonSerializerContext;
