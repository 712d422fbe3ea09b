using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Onboarding;
using ElumentaBot.Profile;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.ModelPicker;

/// <summary>
/// <c>/models [category]</c> and its <c>m:</c> buttons. Every callback is validated against the catalog and the
/// plan as they are now, not as they were when the buttons were drawn.
/// </summary>
public sealed class ModelPickerHandler(ModelPickerScreens screens, ModelCatalog catalog, AccountService accounts, CurrentUser user, Localizer texts)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command == "models" && context.Message is { } message && user.Account is { } account)
        {
            var settings = UserSettings.Of(account);
            var plan = catalog.PlanOrFree(account.Plan);
            var screen = Categories.Parse(context.CommandArgument.ToLowerInvariant()) is { } category
                ? screens.List(user.Language, category, settings, plan)
                : screens.Home(user.Language, settings, plan);
            await context.SendAsync(message.Chat.Id, screen, ct);
            return true;
        }

        if (context.CallbackParts(ModelPickerScreens.Prefix) is not { } parts || context.Update.CallbackQuery is not { } query)
        {
            return false;
        }

        await OnCallbackAsync(context, query, parts, ct);
        return true;
    }

    private async Task OnCallbackAsync(UpdateContext context, CallbackQuery query, string[] parts, CancellationToken ct)
    {
        var account = user.Require();
        var language = user.Language;
        var settings = UserSettings.Of(account);
        var plan = catalog.PlanOrFree(account.Plan);
        switch (parts)
        {
            case [_, "h"]:
                await context.AnswerAsync(query, cancellationToken: ct);
                await context.ShowAsync(query, screens.Home(language, settings, plan), ct);
                break;

            case [_, "c", var code] when Categories.Parse(code) is { } category:
                await context.AnswerAsync(query, cancellationToken: ct);
                await context.ShowAsync(query, screens.List(language, category, settings, plan), ct);
                break;

            case [_, "s", var slug] when catalog.FindModel(slug) is { } model:
                await SelectAsync(context, query, account, settings, plan, model, ct);
                break;

            case [_, "s", _]:
                await context.AnswerAsync(query, texts.Get(language, "models.stale_model"), alert: true, cancellationToken: ct);
                await context.ShowAsync(query, screens.Home(language, settings, plan), ct);
                break;

            default:
                await context.AnswerAsync(query, texts.Get(language, "models.stale_button"), cancellationToken: ct);
                break;
        }
    }

    private async Task SelectAsync(UpdateContext context, CallbackQuery query, Account account, UserSettings settings, Plan plan, Model model, CancellationToken ct)
    {
        var language = user.Language;
        if (!plan.CanUse(model))
        {
            await context.AnswerAsync(query, cancellationToken: ct);
            await context.ShowAsync(query, screens.Locked(language, model, plan), ct);
            return;
        }

        if (!screens.IsAvailable(model))
        {
            await context.AnswerAsync(query, texts.Get(language, "models.unavailable", ("model", model.Name)), alert: true, cancellationToken: ct);
            return;
        }

        if (settings.SelectedModel(model.Category, catalog) == model.Slug)
        {
            await context.AnswerAsync(query, texts.Get(language, "models.already_selected", ("model", model.Name)), cancellationToken: ct);
            await context.ShowAsync(query, screens.List(language, model.Category, settings, plan), ct);
            return;
        }

        var updated = settings.WithModel(model.Category, model.Slug);
        if (model.Category == ModelCategory.AudioTool)
        {
            updated = updated with { AudioTool = model.Slug };
        }

        await accounts.SaveSettingsAsync(account.Id, updated.ToJson(), ct);
        await context.AnswerAsync(query, texts.Get(language, "models.selected", ("model", model.Name)), cancellationToken: ct);
        await context.ShowAsync(query, screens.List(language, model.Category, updated, plan), ct);
    }
}
