using System.Collections.Concurrent;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Accounts;

/// <summary>
/// The accounts of recent senders, so an update from a known person costs no database read. A write by this
/// process to an account row drops it before the writer hears back (<see cref="RowChanges"/>); another process
/// writing the same file is seen within <see cref="MaxAge"/>. Only the per-update lookup uses it: money and
/// limits are always decided inside their own transaction.
/// </summary>
internal sealed class AccountCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);
    private const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<long, Entry> _byTelegramId = new();
    private readonly ConcurrentDictionary<long, long> _telegramIdByAccount = new();
    private readonly TimeProvider _clock;
    private long _generation;

    public AccountCache(RowChanges changes, TimeProvider clock)
    {
        _clock = clock;
        changes.Watch("accounts", Drop);
    }

    /// <summary>Taken before a database read; <see cref="Put"/> keeps the result only if no account changed meanwhile.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public Account? Find(long telegramUserId) =>
        _byTelegramId.TryGetValue(telegramUserId, out var entry) && _clock.GetElapsedTime(entry.LoadedAt) < MaxAge ? entry.Account : null;

    public void Put(Account account, long generation)
    {
        if (_byTelegramId.Count >= MaxEntries)
        {
            _byTelegramId.Clear();
            _telegramIdByAccount.Clear();
        }

        _telegramIdByAccount[account.Id] = account.TelegramUserId;
        _byTelegramId[account.TelegramUserId] = new Entry(account, _clock.GetTimestamp());
        // A write that landed while this was read has already bumped the generation (or will drop the entry itself).
        if (Generation != generation)
        {
            _byTelegramId.TryRemove(account.TelegramUserId, out _);
        }
    }

    private void Drop(IReadOnlyCollection<long> accountIds)
    {
        Interlocked.Increment(ref _generation);
        foreach (var id in accountIds)
        {
            if (_telegramIdByAccount.TryRemove(id, out var telegramId))
            {
                _byTelegramId.TryRemove(telegramId, out _);
            }
        }
    }

    private readonly record struct Entry(Account Account, long LoadedAt);
}
