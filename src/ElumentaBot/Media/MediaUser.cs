using Elumenta.Core.Accounts;
using ElumentaBot.Profile;

namespace ElumentaBot.Media;

/// <summary>Who asked, where to answer, and in which language; settings as they were when the request came in.</summary>
public sealed record MediaUser(long ChatId, long AccountId, string Language, UserSettings Settings)
{
    public static MediaUser Of(long chatId, Account account) =>
        new(chatId, account.Id, account.Language, UserSettings.Of(account));
}
