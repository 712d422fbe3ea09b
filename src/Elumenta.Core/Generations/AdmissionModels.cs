using System.Data.Common;
using Elumenta.Core.Catalog;
using Elumenta.Core.Limits;

namespace Elumenta.Core.Generations;

/// <summary>One request to spend tokens on a model.</summary>
/// <param name="AccountId">The account that pays (in groups: the sender's).</param>
/// <param name="ModelSlug">The catalog model.</param>
public sealed record AdmissionRequest(long AccountId, string ModelSlug)
{
    public IReadOnlyDictionary<string, string>? Options { get; init; }
    public string Source { get; init; } = "bot";
    public long? ChatId { get; init; }
    public string? Prompt { get; init; }

    /// <summary>
    /// Models run as part of the same request and priced into it with their defaults — a voice message's
    /// transcription before the answer: one request, one slot, price = transcription + answer.
    /// </summary>
    public IReadOnlyList<string> AlsoCharge { get; init; } = [];

    /// <summary>
    /// The API's <c>Idempotency-Key</c>: recorded in the admission's own transaction, so two requests with one key
    /// can never both admit; a request whose key is already recorded is answered <see cref="AdmissionResult.Repeated"/>.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>A digest of the request the key was first used with (a retry with another body is refused by the caller).</summary>
    public string? RequestHash { get; init; }

    /// <summary>
    /// False lets the admission commit without waiting for the disk (<see cref="Store.WriteUnsyncedAsync{T}"/>): for a
    /// caller that answers nobody until the generation's settlement, itself synced, has committed after it.
    /// </summary>
    public bool SyncedCommit { get; init; } = true;

    /// <summary>
    /// Runs first in the admission's transaction (after the account lock) with the transaction's time in ms and
    /// takes the request's source, e.g. marks the bot's inbox row done. False means another run already took it:
    /// nothing is admitted and the result is <see cref="AdmissionResult.Repeated"/>.
    /// </summary>
    public Func<DbConnection, DbTransaction, long, CancellationToken, Task<bool>>? Once { get; init; }
}

public enum InvalidReason { UnknownModel, Option, PromptTooLong, AccountBanned }

/// <summary>The outcome of admission, in a form the bot and the API can render.</summary>
public abstract record AdmissionResult
{
    private AdmissionResult()
    {
    }

    public sealed record Admitted(long GenerationId, int Price, int ReservedPlan, int ReservedBonus) : AdmissionResult
    {
        /// <summary>The account's windows as this transaction left them, this request counted (no second read for the API's headers).</summary>
        public LimitStatus? Limits { get; init; }
    }

    public sealed record InsufficientTokens(int Price, int Balance) : AdmissionResult;

    public sealed record LimitReached(LimitWindow Window, int Limit, DateTimeOffset NextSlotAt, string Plan) : AdmissionResult;

    public sealed record PlanRequired(Model Model, IReadOnlyList<Plan> Plans) : AdmissionResult;

    /// <summary>Async jobs already running for this account reach the plan's concurrency.</summary>
    public sealed record TooManyJobs(int Limit) : AdmissionResult;

    /// <summary>The idempotency key was already used by this account: nothing was admitted now.</summary>
    /// <param name="GenerationId">The generation the key admitted first.</param>
    /// <param name="SameRequest">Whether the first use had the same <see cref="AdmissionRequest.RequestHash"/>.</param>
    public sealed record Repeated(long? GenerationId, bool SameRequest) : AdmissionResult;

    /// <param name="Option">The option at fault, for <see cref="InvalidReason.Option"/>.</param>
    /// <param name="Allowed">Accepted values for that option; empty when the model takes no such option.</param>
    /// <param name="Limit">The limit exceeded (prompt characters).</param>
    public sealed record InvalidRequest(InvalidReason Reason, string? Option = null, string? Value = null, IReadOnlyList<string>? Allowed = null, int? Limit = null) : AdmissionResult;
}
