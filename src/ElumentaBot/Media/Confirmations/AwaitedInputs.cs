namespace ElumentaBot.Media.Confirmations;

/// <summary>A draft that asked for a second photo, a start frame or a prompt takes the user's next one (within 10 minutes).</summary>
public sealed class AwaitedInputs(ConfirmationStore drafts, MediaFlow flow)
{
    public async Task<bool> PhotoAsync(MediaUser user, MediaFile photo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await drafts.FindAwaitingAsync(user.ChatId, user.AccountId, "photo", ct) is not { } row)
        {
            return false;
        }

        var draft = row.Draft.Awaiting == Awaiting.StartFrame
            ? row.Draft with { Photo = photo, Awaiting = Awaiting.VideoOptions }
            : row.Draft with { Second = photo, Awaiting = Awaiting.None };
        await flow.ProposeAsync(user, draft, row.Id, null, ct);
        return true;
    }

    public async Task<bool> PromptAsync(MediaUser user, string text, string? transcriber, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await drafts.FindAwaitingAsync(user.ChatId, user.AccountId, "prompt", ct) is not { } row)
        {
            return false;
        }

        await flow.ProposeAsync(user, row.Draft with { Prompt = text.Trim(), Awaiting = Awaiting.None, Transcriber = transcriber }, row.Id, null, ct);
        return true;
    }
}
