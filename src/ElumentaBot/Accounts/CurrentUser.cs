using Elumenta.Core.Accounts;

namespace ElumentaBot.Accounts;

/// <summary>The sender of the update being handled (scoped: one per update), set by <see cref="AccountGate"/>.</summary>
public sealed class CurrentUser
{
    public Account? Account { get; private set; }

    /// <summary>True when this update created the account.</summary>
    public bool IsNew { get; private set; }

    public bool IsAdmin { get; private set; }

    /// <summary>The account's language, or the sender's Telegram language before the account exists.</summary>
    public string Language { get; private set; } = Languages.English;

    public Account Require() => Account ?? throw new InvalidOperationException("The update has no account (no sender, or a bot).");

    internal void Set(Account account, bool isNew, bool isAdmin)
    {
        Account = account;
        IsNew = isNew;
        IsAdmin = isAdmin;
        Language = account.Language;
    }

    /// <summary>After <c>/lang</c> or a settings change in the same update.</summary>
    public void Refresh(Account account) => Set(account, IsNew, IsAdmin);
}
