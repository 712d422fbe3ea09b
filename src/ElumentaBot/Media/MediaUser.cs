using Elumenta.Core.Accounts;
using ElumentaBot.Profile;

namespace ElumentaBot.Media;

/// <summary>Who asked, where to answer, and in which language; settings as they were when the request came in.</summary>
public sealed record MediaUser(long ChatId, long AccountId, string Language, UserSettings Settings)
{
    /// <summary>
    /// The idempotency key of the update that carries the request (<c>update:{id}</c>, <c>callback:{query id}</c>):
    /// recorded with the draft it writes, so a retried update resumes that draft instead of starting another.
    /// </summary>
    public string? EffectKey { get; init; }

    public static MediaUser Of(long chatId, Account account, string? effectKey = null) =>
        new(chatId, account.Id, account.Language, UserSettings.Of(account)) { EffectKey = effectKey };
}
