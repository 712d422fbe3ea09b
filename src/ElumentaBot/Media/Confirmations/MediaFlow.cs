using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Providers;
using ElumentaBot.Media.Running;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;

namespace ElumentaBot.Media.Confirmations;

/// <summary>
/// Takes a draft to its next step: ask for what is missing, refuse bad input (nothing charged), show the price
/// and wait for Confirm (30 tokens or more, and every video setup card), or admit and run.
/// </summary>
public sealed partial class MediaFlow(
    ModelCatalog catalog, ConfirmationStore drafts, MediaChecks checks, Admission admission,
    MediaRunner runner, AdmissionRefusals refusals, DraftCards cards, ModelRouter router, Localization.Localizer texts, IOptions<MediaOptions> options, ILogger<MediaFlow> logger)
{
    /// <summary>
    /// A redelivered update whose draft was already committed carries on with that draft (an open one is shown or
    /// started again; a confirmed one is running) instead of making another: true. False when it wrote none.
    /// </summary>
    public async Task<bool> ResumeAsync(MediaUser user, int? editMessageId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.EffectKey is not { } key || await drafts.FindByEffectAsync(key, ct) is not { } row)
        {
            return false;
        }

        if (await drafts.GetOpenAsync(row.Id, user.AccountId, ct) is { } open)
        {
            await ProposeAsync(user, open.Draft, open.Id, editMessageId, ct);
        }

        return true;
    }

    public async Task ProposeAsync(MediaUser user, MediaDraft draft, long? draftId, int? editMessageId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(draft);
        var model = catalog.FindModel(draft.Model) ?? throw new InvalidOperationException($"Unknown model {draft.Model}.");
        if (draft.Awaiting is not (Awaiting.None or Awaiting.VideoOptions))
        {
            var waiting = await SaveAsync(user, draft, draftId, null, ct);
            await cards.AskAsync(user, waiting, draft, model, editMessageId, ct);
            return;
        }

        var problem = router.IsAvailable(model) ? checks.Problem(user.Language, model, draft) : texts.Get(user.Language, "media.unavailable");
        if (problem is not null)
        {
            if (draftId is { } open)
            {
                await drafts.CancelAsync(open, user.AccountId, ct);
            }

            await cards.ShowAsync(user, problem, null, editMessageId, draft.ReplyTo, ct);
            return;
        }

        var price = ((PriceQuote.Priced)Pricing.Quote(model, draft.Options)).Price + TranscriptionPrice(draft);
        var id = await SaveAsync(user, draft, draftId, price, ct);
        if (draft.Awaiting == Awaiting.VideoOptions || price >= options.Value.ConfirmFrom)
        {
            await cards.ConfirmAsync(user, id, draft, model, price, editMessageId, ct);
            return;
        }

        // Cheap requests run at once; the row is still claimed so that Retry and /history know the request.
        var claim = await drafts.ClaimAsync(id, user.AccountId, ct);
        if (claim.Outcome == ClaimOutcome.Claimed)
        {
            if (editMessageId is { } shown)
            {
                await SummaryQuietlyAsync(user, cards.Summary(user.Language, draft, model, price), shown, ct);
            }

            await StartAsync(user, claim.Row!, ct);
        }
    }

    /// <summary>Admits a claimed draft and starts it; from here on nothing may throw, or a retried update would admit twice.</summary>
    public async Task StartAsync(MediaUser user, StoredDraft row, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(row);
        var draft = row.Draft;
        var result = await admission.AdmitAsync(new AdmissionRequest(user.AccountId, draft.Model)
        {
            Options = draft.Options, Prompt = draft.Prompt, ChatId = user.ChatId, AlsoCharge = draft.Transcriber is { } stt ? [stt] : [],
        }, ct);
        if (result is not AdmissionResult.Admitted admitted)
        {
            await refusals.SendAsync(user, result, draft.ReplyTo, ct);
            return;
        }

        try
        {
            await drafts.LinkGenerationAsync(row.Id, admitted.GenerationId, ct);
            await runner.StartAsync(user, admitted.GenerationId, draft, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStartFailed(logger, e, admitted.GenerationId);
        }
    }

    /// <summary>The claim is committed: a lost summary must not fail the update into a retry that no longer starts it.</summary>
    private async Task SummaryQuietlyAsync(MediaUser user, string summary, int messageId, CancellationToken ct)
    {
        try
        {
            await cards.ShowAsync(user, summary, null, messageId, null, ct);
        }
        catch (RequestException e)
        {
            LogSummaryFailed(logger, e, user.ChatId);
        }
    }

    private async Task<long> SaveAsync(MediaUser user, MediaDraft draft, long? draftId, int? price, CancellationToken ct)
    {
        if (draftId is { } id && await drafts.UpdateAsync(id, draft, price, user.EffectKey, ct))
        {
            return id;
        }

        return await drafts.CreateAsync(user.AccountId, user.ChatId, draft, price, user.EffectKey, ct);
    }

    /// <summary>What admission adds for <see cref="MediaDraft.Transcriber"/>: the STT model at its defaults.</summary>
    private int TranscriptionPrice(MediaDraft draft) =>
        draft.Transcriber is { } slug && catalog.FindModel(slug) is { } stt && Pricing.Quote(stt, null) is PriceQuote.Priced p ? p.Price : 0;

    [LoggerMessage(LogLevel.Warning, "The summary of a started media request in chat {ChatId} could not be shown")]
    private static partial void LogSummaryFailed(ILogger logger, Exception exception, long chatId);

    [LoggerMessage(LogLevel.Error, "Starting generation {GenerationId} failed after admission")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, long generationId);
}
