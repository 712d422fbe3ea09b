using System.Data.Common;
using Dapper;
using Elumenta.Core.Billing;
using Elumenta.Core.Limits;
using Elumenta.Core.Observability;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Generations;

/// <summary>Reads generation records and settles them: capture on success, release + slot back otherwise, exactly once.</summary>
public sealed class GenerationStore(Store store, TimeProvider clock, ElumentaMetrics? metrics = null)
{
    public Task<Generation?> GetAsync(long generationId, CancellationToken ct = default) =>
        store.ReadAsync(c => c.QuerySingleOrDefaultAsync<Generation>(new CommandDefinition(
            $"SELECT {Generation.Columns} FROM generations WHERE id = @generationId", new { generationId }, cancellationToken: ct)), ct);

    /// <summary>The account's latest generations, newest first (<c>/history</c>).</summary>
    public async Task<IReadOnlyList<Generation>> ListRecentAsync(long accountId, int count = 10, CancellationToken ct = default) =>
        (await store.ReadAsync(c => c.QueryAsync<Generation>(new CommandDefinition(
            $"SELECT {Generation.Columns} FROM generations WHERE account_id = @accountId ORDER BY id DESC LIMIT @count",
            new { accountId, count }, cancellationToken: ct)), ct)).ToList();

    /// <summary>Unsettled generations (after a restart: jobs to resume, reservations to release).</summary>
    /// <summary>Pending generations admitted by <paramref name="source"/> (<c>bot</c> or <c>api</c>): each process recovers and polls only its own.</summary>
    public async Task<IReadOnlyList<Generation>> ListOpenAsync(bool asyncOnly, string source, CancellationToken ct = default) =>
        (await store.ReadAsync(c => c.QueryAsync<Generation>(new CommandDefinition(
            $"SELECT {Generation.Columns} FROM generations WHERE status = 'pending' AND source = @source AND (@asyncOnly = 0 OR is_async = 1) ORDER BY id",
            new { asyncOnly = asyncOnly ? 1 : 0, source }, cancellationToken: ct)), ct)).ToList();

    /// <summary>Completed but never delivered (a crash between settling and sending).</summary>
    public async Task<IReadOnlyList<Generation>> ListUndeliveredAsync(CancellationToken ct = default) =>
        (await store.ReadAsync(c => c.QueryAsync<Generation>(new CommandDefinition(
            $"SELECT {Generation.Columns} FROM generations WHERE status = 'completed' AND delivered_at IS NULL AND source = 'bot' ORDER BY id",
            cancellationToken: ct)), ct)).ToList();

    public Task SetProviderJobAsync(long generationId, string providerJobId, CancellationToken ct = default) =>
        Execute("UPDATE generations SET provider_job_id = @providerJobId, started_at = COALESCE(started_at, @now) WHERE id = @generationId",
            new { generationId, providerJobId, now = clock.NowMs() }, ct);

    public Task UpdateProgressAsync(long generationId, int? progress, string? providerState, CancellationToken ct = default) =>
        Execute("UPDATE generations SET progress = COALESCE(@progress, progress), provider_state = @providerState WHERE id = @generationId AND status = 'pending'",
            new { generationId, progress, providerState }, ct);

    /// <summary>The message a pending answer is streamed into (recovery edits it if the answering instance dies).</summary>
    public Task SetLiveMessageAsync(long generationId, long messageId, CancellationToken ct = default) =>
        Execute("UPDATE generations SET live_message_id = @messageId WHERE id = @generationId AND status = 'pending'",
            new { generationId, messageId }, ct);

    /// <summary>Claims delivery; false when it was already delivered, so a result is never sent twice.</summary>
    public Task<bool> MarkDeliveredAsync(long generationId, string? fileId, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) => await c.ExecuteAsync(new CommandDefinition(
            "UPDATE generations SET delivered_at = @now, result_file_id = COALESCE(@fileId, result_file_id) WHERE id = @generationId AND delivered_at IS NULL",
            new { generationId, fileId, now = clock.NowMs() }, t, cancellationToken: ct)) == 1, ct);

    /// <summary>Capture: the reserved tokens are spent. False (and nothing changes) when already settled.</summary>
    public async Task<bool> CompleteAsync(long generationId, GenerationResult result, CancellationToken ct = default) =>
        await CompleteReturningAsync(generationId, result, ct) is not null;

    /// <summary>The same, answering the row as the capture left it (null when it was already settled).</summary>
    public async Task<Generation?> CompleteReturningAsync(long generationId, GenerationResult result, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var completed = await store.WriteAsync(async (c, t) =>
        {
            var now = clock.NowMs();
            var settled = await c.QuerySingleOrDefaultAsync<Generation>(new CommandDefinition(
                $"""
                UPDATE generations
                SET status = 'completed', tokens_spent = price, result_text = @Text, result_url = @Url, thumbnail_url = @ThumbnailUrl,
                    result_file_id = COALESCE(@FileId, result_file_id), result_metadata = @Metadata, finished_at = @now, processing_ms = @now - created_at
                WHERE id = @generationId AND status = 'pending'
                RETURNING {Generation.Columns}
                """,
                new { generationId, result.Text, result.Url, result.ThumbnailUrl, result.FileId, result.Metadata, now }, t, cancellationToken: ct));
            if (settled is null)
            {
                return null;
            }

            // Reserve already moved the tokens out of the pools; capture records that they are spent. The first
            // entry takes the account's lock with it; a free generation has none and takes the lock alone.
            var locked = false;
            foreach (var (pool, amount) in new Settled { ReservedPlan = settled.ReservedPlan, ReservedBonus = settled.ReservedBonus }.Parts())
            {
                await Ledger.AppendAsync(c, t, new LedgerEntry(settled.AccountId, pool, 0, LedgerKind.Capture) { GenerationId = generationId, CycleId = settled.CycleId, Note = $"spent {amount}" }, now, ct, accountLocked: locked);
                locked = true;
            }

            if (!locked)
            {
                await Store.LockAccountAsync(c, t, settled.AccountId, ct);
            }

            return settled;
        }, WriteIsolation.RowLocks, ct);
        Settled.Record(metrics, completed is not null, completed?.ModelSlug, GenerationStatus.Completed);
        return completed;
    }

    /// <summary>
    /// Release: the bonus part always comes back; the plan part only if the cycle it came from is still
    /// current (a new cycle already set the plan pool afresh). The rate-limit slot is given back.
    /// </summary>
    public Task<bool> FailAsync(long generationId, string errorKind, string? error, bool canceled = false, CancellationToken ct = default) =>
        ReleaseAsync(metrics,generationId,
            """
            UPDATE generations
            SET status = @status, error_kind = @errorKind, error = @error, finished_at = @now, processing_ms = @now - created_at
            WHERE id = @generationId AND status = 'pending'
            RETURNING account_id AS AccountId, reserved_plan AS ReservedPlan, reserved_bonus AS ReservedBonus, cycle_id AS CycleId, model_slug AS ModelSlug
            """, canceled ? GenerationStatus.Canceled : GenerationStatus.Failed, errorKind, error, ct);

    /// <summary>
    /// A completed result that could not be delivered in any way (Telegram refused the file and there is no link to
    /// give): the capture is undone like a release, so the user pays nothing for what they never received.
    /// </summary>
    public Task<bool> RefundUndeliverableAsync(long generationId, string error, CancellationToken ct = default) =>
        // Counted once already, as completed: no second count for the same generation.
        ReleaseAsync(null,generationId,
            """
            UPDATE generations
            SET status = @status, error_kind = @errorKind, error = @error, tokens_spent = 0
            WHERE id = @generationId AND status = 'completed' AND result_file_id IS NULL
            RETURNING account_id AS AccountId, reserved_plan AS ReservedPlan, reserved_bonus AS ReservedBonus, cycle_id AS CycleId, model_slug AS ModelSlug
            """, GenerationStatus.Failed, "undeliverable", error, ct);

    private async Task<bool> ReleaseAsync(ElumentaMetrics? counted, long generationId, string settleSql, string status, string errorKind, string? error, CancellationToken ct)
    {
        string? model = null;
        var released = await store.WriteAsync(async (c, t) =>
        {
            var now = clock.NowMs();
            var settled = await SettleAsync(c, t, settleSql, new { generationId, status, errorKind, error, now }, ct);
            if (settled is null)
            {
                return false;
            }

            // The account's lock comes with the read of its cycle, before anything is moved.
            var currentCycle = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT cycle_id FROM accounts WHERE id = @AccountId" + Store.LockingRead(c), new { settled.AccountId }, t, cancellationToken: ct));
            model = settled.ModelSlug;
            await RateLimiter.GiveBackAsync(c, t, generationId, ct);
            if (settled.ReservedPlan > 0 && settled.CycleId is not null && settled.CycleId == currentCycle)
            {
                await Ledger.AppendAsync(c, t, new LedgerEntry(settled.AccountId, Pool.Plan, settled.ReservedPlan, LedgerKind.Release) { GenerationId = generationId, CycleId = settled.CycleId }, now, ct, accountLocked: true);
            }

            if (settled.ReservedBonus > 0)
            {
                await Ledger.AppendAsync(c, t, new LedgerEntry(settled.AccountId, Pool.Bonus, settled.ReservedBonus, LedgerKind.Release) { GenerationId = generationId }, now, ct, accountLocked: true);
                // A package refunded while this was pending is owed these tokens first.
                await BillingService.PayRefundDebtsAsync(c, t, settled.AccountId, generationId, settled.ReservedBonus, now, ct);
            }

            return true;
        }, WriteIsolation.RowLocks, ct);
        Settled.Record(counted, released, model, status);
        return released;
    }

    private static Task<Settled?> SettleAsync(DbConnection c, DbTransaction t, string sql, object args, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<Settled>(new CommandDefinition(sql, args, t, cancellationToken: ct));

    private Task Execute(string sql, object args, CancellationToken ct) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(sql, args, t, cancellationToken: ct)), ct);

    private sealed class Settled
    {
        public long AccountId { get; init; }
        public int ReservedPlan { get; init; }
        public int ReservedBonus { get; init; }
        public long? CycleId { get; init; }
        public string ModelSlug { get; init; } = "";

        /// <summary>Counted after the transaction committed, once per generation that this call settled.</summary>
        public static void Record(ElumentaMetrics? metrics, bool settled, string? model, string outcome)
        {
            if (settled && model is not null)
            {
                metrics?.GenerationSettled(model, outcome);
            }
        }

        public IEnumerable<(Pool Pool, int Amount)> Parts()
        {
            if (ReservedPlan > 0)
            {
                yield return (Pool.Plan, ReservedPlan);
            }

            if (ReservedBonus > 0)
            {
                yield return (Pool.Bonus, ReservedBonus);
            }
        }
    }
}
