using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using Elumenta.Core.Storage;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Profile;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot.Types;

namespace ElumentaBot.ModelPicker;

/// <summary>
/// <c>/models [category]</c> and its <c>m:</c> buttons. Every callback is validated against the catalog and the
/// plan as they are now, not as they were when the buttons were drawn.
/// </summary>
public sealed class ModelPickerHandler(ModelPickerScreens screens, ModelCatalog catalog, AccountService accounts, Effects effects, CurrentUser user, Localizer texts)
{
    public async Task CommandAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message)
        {
            return;
        }

        var account = user.Require();
        var settings = UserSettings.Of(account);
        var plan = catalog.PlanOrFree(account.Plan);
        var screen = Categories.Parse(context.CommandArgument.ToLowerInvariant()) is { } category
            ? screens.List(user.Language, category, settings, plan)
            : screens.Home(user.Language, settings, plan);
        await context.SendAsync(message.Chat.Id, screen, ct);
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
        var settings = UserSettings.Of(account);
        var plan = catalog.PlanOrFree(account.Plan);
        switch (context.CallbackParts(ModelPickerScreens.Prefix))
        {
            case [_, "h"]:
                await context.AnswerAsync(query, ct: ct);
                await context.ShowAsync(query, screens.Home(language, settings, plan), ct);
                break;

            case [_, "c", var code] when Categories.Parse(code) is { } category:
                await context.AnswerAsync(query, ct: ct);
                await context.ShowAsync(query, screens.List(language, category, settings, plan), ct);
                break;

            case [_, "s", var slug] when catalog.FindModel(slug) is { } model:
                await SelectAsync(context, query, account, settings, plan, model, ct);
                break;

            case [_, "s", _]:
                await context.AnswerAsync(query, texts.Get(language, "models.stale_model"), alert: true, ct: ct);
                await context.ShowAsync(query, screens.Home(language, settings, plan), ct);
                break;

            default:
                await context.AnswerAsync(query, texts.Get(language, "models.stale_button"), ct: ct);
                break;
        }
    }

    private async Task SelectAsync(UpdateContext context, CallbackQuery query, Account account, UserSettings settings, Plan plan, Model model, CancellationToken ct)
    {
        var language = user.Language;
        if (!plan.CanUse(model))
        {
            await context.AnswerAsync(query, ct: ct);
            await context.ShowAsync(query, screens.Locked(language, model, plan), ct);
            return;
        }

        if (!screens.IsAvailable(model))
        {
            await context.AnswerAsync(query, texts.Get(language, "models.unavailable", ("model", model.Name)), alert: true, ct: ct);
            return;
        }

        // On a retry the first attempt's choice is already stored: it must still read "selected", not "already selected".
        var key = context.EffectKey;
        if (settings.SelectedModel(model.Category, catalog) == model.Slug && (context.Attempt == 0 || await effects.FindAsync(key, ct) is null))
        {
            await context.AnswerAsync(query, texts.Get(language, "models.already_selected", ("model", model.Name)), ct: ct);
            await context.ShowAsync(query, screens.List(language, model.Category, settings, plan), ct);
            return;
        }

        var updated = settings.WithModel(model.Category, model.Slug);
        if (model.Category == ModelCategory.AudioTool)
        {
            updated = updated with { AudioTool = model.Slug };
        }

        await effects.RunOnceAsync(key, EffectJson.Default.Boolean, async (c, t) =>
        {
            await accounts.ChangeSettingsAsync(c, t, account.Id, account.Settings, updated.ToJson(), ct);
            return true;
        }, ct);
        await context.AnswerAsync(query, texts.Get(language, "models.selected", ("model", model.Name)), ct: ct);
        await context.ShowAsync(query, screens.List(language, model.Category, updated, plan), ct);
    }
}
