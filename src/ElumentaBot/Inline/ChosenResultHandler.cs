using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Chat.Handlers;
using ElumentaBot.Transport;

namespace ElumentaBot.InlineMode;

/// <summary>
/// The user sent the offered result: its question is admitted on their account with the model the result named (the
/// price they saw) and answered into the sent message. Without an inline_message_id there is nothing to write into.
/// </summary>
public sealed class ChosenResultHandler(CurrentUser user, ModelCatalog catalog, InlineRunner runner)
{
    public async Task HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Update.ChosenInlineResult is not { InlineMessageId: { Length: > 0 } messageId } chosen || chosen.Query.Trim().Length == 0)
        {
            return;
        }

        var account = user.Require();
        var offered = chosen.ResultId.StartsWith(InlineQueryHandler.ResultPrefix, StringComparison.Ordinal)
            ? chosen.ResultId[InlineQueryHandler.ResultPrefix.Length..]
            : null;
        var slug = offered is not null && catalog.FindModel(offered) is { Category: ModelCategory.Text }
            ? offered
            : ChatSettings.Of(account).SelectedModel(ModelCategory.Text, catalog);
        await runner.AcceptAsync(new InlineJob(account.Id, user.Language, slug, chosen.Query.Trim(), messageId), ct);
    }
}
