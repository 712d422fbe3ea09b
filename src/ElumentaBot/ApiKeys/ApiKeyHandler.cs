using Elumenta.Core.Accounts;
using Elumenta.Core.ApiKeys;
using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Onboarding;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.ApiKeys;

/// <summary>
/// <c>/apikey [new name]</c> and the <c>key:</c> buttons, for plans with API access (VIP, Elite). Keys are only ever
/// handled in a private chat: a key shown in a group is a leaked key.
/// </summary>
public sealed class ApiKeyHandler(ApiKeyStore keys, ApiKeyScreens screens, ModelCatalog catalog, CurrentUser user, Localizer texts)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command == "apikey" && context.Message is { } message && user.Account is { } account)
        {
            await OnCommandAsync(context, message, account, ct);
            return true;
        }

        if (context.CallbackParts(ApiKeyScreens.Prefix) is not { } parts || context.Update.CallbackQuery is not { } query)
        {
            return false;
        }

        await OnCallbackAsync(context, query, parts, user.Require(), ct);
        return true;
    }

    private async Task OnCommandAsync(UpdateContext context, Message message, Account account, CancellationToken ct)
    {
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

    private async Task OnCallbackAsync(UpdateContext context, CallbackQuery query, string[] parts, Account account, CancellationToken ct)
    {
        var language = user.Language;
        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        if (query.Message is { Chat.Type: not ChatType.Private })
        {
            await context.AnswerAsync(query, texts.Get(language, "apikey.private_only"), alert: true, cancellationToken: ct);
            return;
        }

        if (!catalog.PlanOrFree(account.Plan).ApiAccess)
        {
            await context.AnswerAsync(query, cancellationToken: ct);
            await context.ShowAsync(query, screens.PlanRequired(language), ct);
            return;
        }

        switch (parts)
        {
            case [_, "new"]:
                await context.AnswerAsync(query, cancellationToken: ct);
                await CreateAsync(context, chatId, account, null, ct);
                break;

            case [_, "r", var raw] when long.TryParse(raw, out var id) && await keys.FindAsync(account.Id, id, ct) is { IsActive: true } key:
                await context.AnswerAsync(query, cancellationToken: ct);
                await context.ShowAsync(query, screens.ConfirmRevoke(language, key), ct);
                break;

            case [_, "x", var raw] when long.TryParse(raw, out var id) && await keys.RevokeAsync(account.Id, id, ct):
                await context.AnswerAsync(query, texts.Get(language, "apikey.revoked"), cancellationToken: ct);
                await context.ShowAsync(query, screens.List(language, await keys.ListAsync(account.Id, ct)), ct);
                break;

            case [_, "l"]:
                await context.AnswerAsync(query, cancellationToken: ct);
                await context.ShowAsync(query, screens.List(language, await keys.ListAsync(account.Id, ct)), ct);
                break;

            default:
                await context.AnswerAsync(query, texts.Get(language, "apikey.stale"), cancellationToken: ct);
                await context.ShowAsync(query, screens.List(language, await keys.ListAsync(account.Id, ct)), ct);
                break;
        }
    }

    private async Task CreateAsync(UpdateContext context, long chatId, Account account, string? name, CancellationToken ct)
    {
        var language = user.Language;
        var existing = await keys.ListAsync(account.Id, ct);
        name = string.IsNullOrWhiteSpace(name) ? texts.Get(language, "apikey.default_name", ("n", existing.Count + 1)) : name.Trim();
        var created = await keys.CreateAsync(account.Id, name.Length > ApiKeyStore.MaxNameLength ? name[..ApiKeyStore.MaxNameLength] : name, ct);
        if (created is null)
        {
            await context.Bot.SendMessage(chatId, texts.Get(language, "apikey.too_many", ("max", ApiKeyStore.MaxActiveKeys)), cancellationToken: ct);
            return;
        }

        await context.SendAsync(chatId, screens.Created(language, created), ct);
        await context.SendAsync(chatId, screens.List(language, await keys.ListAsync(account.Id, ct)), ct);
    }
}
