using Dapper;
using Elumenta.Core.Storage;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Media.Confirmations;

public enum ClaimOutcome { Claimed, AlreadyConfirmed, Expired, NotFound }

public sealed record StoredDraft(long Id, long AccountId, long ChatId, MediaDraft Draft, int? Price, string Status, long? GenerationId, long ExpiresAt);

public sealed record Claim(ClaimOutcome Outcome, StoredDraft? Row = null);

/// <summary>Drafts waiting for the user; a confirm is one conditional update, so a double tap admits once.</summary>
public sealed partial class ConfirmationStore(Store store, TimeProvider clock, IOptions<MediaOptions> options)
{
    private const string Columns = "id AS Id, account_id AS AccountId, chat_id AS ChatId, draft AS DraftJson, price AS Price, status AS Status, generation_id AS GenerationId, expires_at AS ExpiresAt";

    public Task<long> CreateAsync(long accountId, long chatId, MediaDraft draft, int? price, CancellationToken ct) =>
        CreateAsync(accountId, chatId, draft, price, null, ct);

    /// <param name="key">The update's idempotency key, recorded with the new row (see <see cref="FindByEffectAsync"/>).</param>
    public Task<long> CreateAsync(long accountId, long chatId, MediaDraft draft, int? price, string? key, CancellationToken ct)
    {
        var now = clock.NowMs();
        var expires = now + (long)options.Value.ConfirmationLifetime.TotalMilliseconds;
        return store.WriteAsync(async (c, t) =>
        {
            var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO media_confirmations (account_id, chat_id, draft, awaiting, price, created_at, expires_at)
                VALUES (@accountId, @chatId, @json, @awaiting, @price, @now, @expires) RETURNING id
                """,
                new { accountId, chatId, json = draft.ToJson(), awaiting = AwaitingColumn(draft), price, now, expires }, t, cancellationToken: ct));
            await RecordAsync(c, t, key, id, now, ct);
            return id;
        }, ct);
    }

    /// <summary>An open, unexpired draft of this account (option and tool buttons read it); null otherwise.</summary>
    public async Task<StoredDraft?> GetOpenAsync(long id, long accountId, CancellationToken ct)
    {
        var row = await GetAsync(id, ct);
        return row is { Status: "open" } && row.AccountId == accountId && row.ExpiresAt > clock.NowMs() ? row : null;
    }

    public async Task<StoredDraft?> GetAsync(long id, CancellationToken ct) =>
        (await store.ReadAsync(c => c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM media_confirmations WHERE id = @id", new { id }, cancellationToken: ct)), ct))?.ToStored();

    public Task<bool> UpdateAsync(long id, MediaDraft draft, int? price, string? key, CancellationToken ct) =>
        store.WriteAsync(async (c, t) =>
        {
            var now = clock.NowMs();
            var updated = await c.ExecuteAsync(new CommandDefinition(
                "UPDATE media_confirmations SET draft = @json, awaiting = @awaiting, price = @price WHERE id = @id AND status = 'open' AND expires_at > @now",
                new { id, json = draft.ToJson(), awaiting = AwaitingColumn(draft), price, now }, t, cancellationToken: ct)) == 1;
            if (updated)
            {
                await RecordAsync(c, t, key, id, now, ct);
            }

            return updated;
        }, ct);

    /// <summary>Confirms once: only the first of any number of concurrent taps gets <see cref="ClaimOutcome.Claimed"/>.</summary>
    public Task<Claim> ClaimAsync(long id, long accountId, CancellationToken ct) =>
        store.WriteAsync(async (c, t) =>
        {
            var now = clock.NowMs();
            var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                $"""
                UPDATE media_confirmations SET status = 'confirmed', confirmed_at = @now
                WHERE id = @id AND account_id = @accountId AND status = 'open' AND expires_at > @now
                RETURNING {Columns}
                """, new { id, accountId, now }, t, cancellationToken: ct));
            if (row is not null)
            {
                return new Claim(ClaimOutcome.Claimed, row.ToStored());
            }

            var existing = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM media_confirmations WHERE id = @id AND account_id = @accountId", new { id, accountId }, t, cancellationToken: ct));
            return existing switch
            {
                null => new Claim(ClaimOutcome.NotFound),
                { Status: "confirmed" } => new Claim(ClaimOutcome.AlreadyConfirmed, existing.ToStored()),
                { Status: "canceled" } => new Claim(ClaimOutcome.NotFound),
                _ => new Claim(ClaimOutcome.Expired, existing.ToStored()),
            };
        }, ct);

    public Task LinkGenerationAsync(long id, long generationId, CancellationToken ct) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE media_confirmations SET generation_id = @generationId WHERE id = @id", new { id, generationId }, t, cancellationToken: ct)), ct);

    /// <summary>The newest open draft in this chat that waits for a photo or a prompt.</summary>
    public async Task<StoredDraft?> FindAwaitingAsync(long chatId, long accountId, string awaiting, CancellationToken ct) =>
        (await store.ReadAsync(c => c.QueryFirstOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM media_confirmations
            WHERE chat_id = @chatId AND account_id = @accountId AND status = 'open' AND awaiting = @awaiting AND expires_at > @now
            ORDER BY id DESC LIMIT 1
            """, new { chatId, accountId, awaiting, now = clock.NowMs() }, cancellationToken: ct)), ct))?.ToStored();

    public Task<int> CancelOpenAsync(long chatId, long accountId, CancellationToken ct) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE media_confirmations SET status = 'canceled' WHERE chat_id = @chatId AND account_id = @accountId AND status = 'open'",
            new { chatId, accountId }, t, cancellationToken: ct)), ct);

    public Task<bool> CancelAsync(long id, long accountId, CancellationToken ct) =>
        store.WriteAsync(async (c, t) => await c.ExecuteAsync(new CommandDefinition(
            "UPDATE media_confirmations SET status = 'canceled' WHERE id = @id AND account_id = @accountId AND status = 'open'",
            new { id, accountId }, t, cancellationToken: ct)) == 1, ct);

    private static string? AwaitingColumn(MediaDraft draft) => draft.Awaiting switch
    {
        Awaiting.StartFrame or Awaiting.SecondPhoto => "photo",
        Awaiting.Prompt => "prompt",
        _ => null,
    };

    private sealed class Row
    {
        public long Id { get; init; }
        public long AccountId { get; init; }
        public long ChatId { get; init; }
        public string DraftJson { get; init; } = "{}";
        public int? Price { get; init; }
        public string Status { get; init; } = "open";
        public long? GenerationId { get; init; }
        public long ExpiresAt { get; init; }

        public StoredDraft ToStored() => new(Id, AccountId, ChatId, MediaDraft.Parse(DraftJson), Price, Status, GenerationId, ExpiresAt);
    }
}
