using System.Data.Common;
using System.Globalization;
using Dapper;
using Elumenta.Core.Storage;

namespace ElumentaBot.Media.Confirmations;

/// <summary>The draft the second tap on Retry did not get; the first tap's draft, when the same tap is redelivered.</summary>
public sealed record RetryClaim(StoredDraft? Row, bool AlreadyRetried);

public sealed partial class ConfirmationStore
{
    /// <summary>The draft a committed write of this update's <paramref name="key"/> left, or null when none was written.</summary>
    public Task<StoredDraft?> FindByEffectAsync(string key, CancellationToken ct) =>
        store.ReadAsync(async c => await Effects.FindAsync(c, null, key, ct) is { } id
            ? await SelectAsync(c, null, long.Parse(id, CultureInfo.InvariantCulture), ct)
            : null, ct);

    /// <summary>
    /// Retry of a failed generation, once: the draft that ran it is reopened by one conditional update that also
    /// unlinks the generation (as chat's <c>ClaimForRetryAsync</c> clears its turn's), so a second tap finds nothing.
    /// The tap's key is recorded with it: a redelivered tap gets its own draft back instead of "already retried".
    /// </summary>
    public Task<RetryClaim> ReopenForRetryAsync(long generationId, long accountId, string key, CancellationToken ct) =>
        store.WriteAsync(async (c, t) =>
        {
            if (await Effects.FindAsync(c, t, key, ct) is { } mine)
            {
                return new RetryClaim(await SelectAsync(c, t, long.Parse(mine, CultureInfo.InvariantCulture), ct), AlreadyRetried: false);
            }

            var now = clock.NowMs();
            var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                $"""
                UPDATE media_confirmations SET status = 'open', generation_id = NULL, confirmed_at = NULL, expires_at = @expires
                WHERE id = (SELECT id FROM media_confirmations WHERE generation_id = @generationId ORDER BY id DESC LIMIT 1)
                  AND account_id = @accountId AND status = 'confirmed'
                RETURNING {Columns}
                """,
                new { generationId, accountId, expires = now + (long)options.Value.ConfirmationLifetime.TotalMilliseconds }, t, cancellationToken: ct));
            if (row is null)
            {
                return new RetryClaim(null, AlreadyRetried: true);
            }

            await RecordAsync(c, t, key, row.Id, now, ct);
            return new RetryClaim(row.ToStored(), AlreadyRetried: false);
        }, ct);

    private static async Task<StoredDraft?> SelectAsync(DbConnection c, DbTransaction? t, long id, CancellationToken ct) =>
        (await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM media_confirmations WHERE id = @id", new { id }, t, cancellationToken: ct)))?.ToStored();

    private static Task RecordAsync(DbConnection c, DbTransaction t, string? key, long id, long now, CancellationToken ct) =>
        key is null ? Task.CompletedTask : Effects.RecordAsync(c, t, key, id.ToString(CultureInfo.InvariantCulture), now, ct);
}
