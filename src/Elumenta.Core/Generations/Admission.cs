using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Coordination;
using Elumenta.Core.Limits;
using Elumenta.Core.Observability;
using Elumenta.Core.Storage;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Generations;

/// <summary>
/// Tier check → limit check → price → reserve → count → pending record, in one BEGIN IMMEDIATE
/// transaction on the store the API shares: no two processes can both see the last free slot or token.
/// </summary>
public sealed class Admission(Store store, ModelCatalog catalog, TimeProvider clock, IOptions<BillingOptions>? billing = null, InstanceIdentity? instance = null, ElumentaMetrics? metrics = null)
{
    public async Task<AdmissionResult> AdmitAsync(AdmissionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (catalog.FindModel(request.ModelSlug) is not { } model)
        {
            return new AdmissionResult.InvalidRequest(InvalidReason.UnknownModel, Value: request.ModelSlug);
        }

        var extras = new List<Model>();
        foreach (var slug in request.AlsoCharge)
        {
            if (catalog.FindModel(slug) is not { } extra)
            {
                return new AdmissionResult.InvalidRequest(InvalidReason.UnknownModel, Value: slug);
            }

            extras.Add(extra);
        }

        // Pricing and prompt checks need no database; they are reported after the tier and limit checks
        // so the user hears the most fundamental reason first.
        var priced = Price(model, extras, request, out var invalid);
        var started = Stopwatch.GetTimestamp();
        Func<DbConnection, DbTransaction, Task<AdmissionResult>> admit = async (c, t) =>
        {
            // The account's lock first (everything below decides on its row), taken by the read of the row itself.
            var account = await AccountService.SelectByIdAsync(c, t, request.AccountId, ct, lockRow: true)
                ?? throw new InvalidOperationException($"Account {request.AccountId} does not exist.");
            return await AdmitAsync(c, t, request, account, model, extras, priced, invalid, ct);
        };
        var result = request.SyncedCommit
            ? await store.WriteAsync(admit, WriteIsolation.RowLocks, ct)
            : await store.WriteUnsyncedAsync(admit, WriteIsolation.RowLocks, ct);
        metrics?.Admission(ElumentaMetrics.OutcomeOf(result), Stopwatch.GetElapsedTime(started));
        return result;
    }

    private async Task<AdmissionResult> AdmitAsync(
        DbConnection c, DbTransaction t, AdmissionRequest request, Account account, Model model, List<Model> extras,
        PriceQuote.Priced? priced, AdmissionResult.InvalidRequest? invalid, CancellationToken ct)
    {
        var now = clock.NowMs();
        if (request.IdempotencyKey is not null && await FindKeyAsync(c, t, request, ct) is { } repeated)
        {
            return repeated;
        }

        if (request.Once is { } once && !await once(c, t, now, ct))
        {
            return new AdmissionResult.Repeated(null, SameRequest: true);
        }

        // A plan past its end is ended here, not only by the cycle job (which another process may not run). One
        // whose end (less any grace) is still ahead cannot be due, so the common case costs no second statement.
        var grace = (long)TimeSpan.FromMinutes((billing?.Value ?? new BillingOptions()).RenewalGraceMinutes).TotalMilliseconds;
        if (account.Plan != Plan.Free && account.PlanPeriodEnd is { } end && end + Math.Min(0, grace) <= now
            && await BillingService.ExpireIfDueAsync(c, t, request.AccountId, now, grace, ct))
        {
            account = (await AccountService.SelectByIdAsync(c, t, request.AccountId, ct))!;
        }
        if (account.Banned)
        {
            return new AdmissionResult.InvalidRequest(InvalidReason.AccountBanned);
        }

        var plan = catalog.PlanOrFree(account.Plan);
        if (extras.Prepend(model).FirstOrDefault(m => !plan.CanUse(m)) is { } locked)
        {
            return new AdmissionResult.PlanRequired(locked, catalog.PlansUnlocking(locked));
        }

        var limits = await RateLimiter.MeasureAsync(c, t, account.Id, plan, now, ct);
        if (limits.Exhausted is { } window)
        {
            var limit = window == LimitWindow.Hour ? limits.HourLimit!.Value : limits.DayLimit!.Value;
            return new AdmissionResult.LimitReached(window, limit, limits.NextSlotAt!.Value, plan.Code);
        }

        if (invalid is not null || priced is null)
        {
            return invalid!;
        }

        if (model.IsAsync)
        {
            var running = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM generations WHERE account_id = @Id AND status = 'pending' AND is_async = 1",
                new { account.Id }, t, cancellationToken: ct));
            if (running >= plan.MaxConcurrentJobs)
            {
                return new AdmissionResult.TooManyJobs(plan.MaxConcurrentJobs);
            }
        }

        // A free request (price 0) passes with any balance and, below, writes no reserve rows: the product
        // decision is no zero-amount ledger entries, so capture and release find nothing to write either.
        var price = priced.Price;
        if (price > account.Balance)
        {
            return new AdmissionResult.InsufficientTokens(price, account.Balance);
        }

        var fromPlan = Math.Min(price, account.PlanTokens);
        var fromBonus = price - fromPlan;
        var generationId = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO generations (account_id, model_slug, category, source, chat_id, is_async, price,
                                     reserved_plan, reserved_bonus, cycle_id, options, prompt, created_at, instance_id)
            VALUES (@AccountId, @Slug, @Category, @Source, @ChatId, @IsAsync, @price,
                    @fromPlan, @fromBonus, @CycleId, @Options, @Prompt, @now, @InstanceId)
            RETURNING id
            """,
            new
            {
                request.AccountId, model.Slug, Category = model.Category.ToString(), request.Source, request.ChatId, IsAsync = model.IsAsync ? 1 : 0,
                price, fromPlan, fromBonus, account.CycleId, Options = JsonSerializer.Serialize(priced.Options), request.Prompt, now,
                InstanceId = instance?.Id,
            },
            t, cancellationToken: ct));
        await RateLimiter.CountAsync(c, t, account.Id, generationId, now, ct);
        if (request.IdempotencyKey is not null)
        {
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO api_idempotency (account_id, idempotency_key, request_hash, generation_id, created_at)
                VALUES (@AccountId, @IdempotencyKey, @Hash, @generationId, @now)
                """,
                new { request.AccountId, request.IdempotencyKey, Hash = request.RequestHash ?? "", generationId, now }, t, cancellationToken: ct));
        }

        if (fromPlan > 0)
        {
            await Ledger.AppendAsync(c, t, new LedgerEntry(account.Id, Pool.Plan, -fromPlan, LedgerKind.Reserve) { GenerationId = generationId, CycleId = account.CycleId }, now, ct, accountLocked: true);
        }

        if (fromBonus > 0)
        {
            await Ledger.AppendAsync(c, t, new LedgerEntry(account.Id, Pool.Bonus, -fromBonus, LedgerKind.Reserve) { GenerationId = generationId }, now, ct, accountLocked: true);
        }

        return new AdmissionResult.Admitted(generationId, price, fromPlan, fromBonus)
        {
            Limits = limits with { HourUsed = limits.HourUsed + 1, DayUsed = limits.DayUsed + 1, HourOldestAt = limits.HourOldestAt ?? UnixTime.FromMs(now) },
        };
    }

    private static async Task<AdmissionResult.Repeated?> FindKeyAsync(DbConnection c, DbTransaction t, AdmissionRequest request, CancellationToken ct)
    {
        var first = await c.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            "SELECT request_hash, generation_id FROM api_idempotency WHERE account_id = @AccountId AND idempotency_key = @IdempotencyKey",
            new { request.AccountId, request.IdempotencyKey }, t, cancellationToken: ct));
        return first is null ? null : new AdmissionResult.Repeated(first.GenerationId, first.RequestHash == (request.RequestHash ?? ""));
    }

    private sealed class KeyRow
    {
        public string RequestHash { get; init; } = "";
        public long? GenerationId { get; init; }
    }

    private static PriceQuote.Priced? Price(Model model, List<Model> extras, AdmissionRequest request, out AdmissionResult.InvalidRequest? invalid)
    {
        invalid = null;
        if (model.MaxPromptChars is { } maxChars && request.Prompt is { Length: var length } && length > maxChars)
        {
            invalid = new AdmissionResult.InvalidRequest(InvalidReason.PromptTooLong, Limit: maxChars, Value: length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }

        var quote = Pricing.Quote(model, request.Options);
        if (quote is PriceQuote.Invalid bad)
        {
            invalid = new AdmissionResult.InvalidRequest(InvalidReason.Option, bad.Option, bad.Value, bad.Allowed);
            return null;
        }

        var priced = (PriceQuote.Priced)quote;
        var total = priced.Price + extras.Sum(e => Pricing.Quote(e, null) is PriceQuote.Priced p ? p.Price : 0);
        return priced with { Price = total };
    }
}
