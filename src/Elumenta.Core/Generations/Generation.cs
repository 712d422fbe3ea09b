namespace Elumenta.Core.Generations;

public static class GenerationStatus
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Canceled = "canceled";
}

/// <summary>A generation record: one admitted request, from reservation to settlement and delivery.</summary>
public sealed class Generation
{
    public long Id { get; init; }
    public long AccountId { get; init; }
    public string ModelSlug { get; init; } = "";
    public string Category { get; init; } = "";
    public string Source { get; init; } = "bot";
    public long? ChatId { get; init; }
    public string Status { get; init; } = GenerationStatus.Pending;
    public bool IsAsync { get; init; }
    public int Price { get; init; }
    public int ReservedPlan { get; init; }
    public int ReservedBonus { get; init; }
    public long? CycleId { get; init; }
    public string Options { get; init; } = "{}";
    public string? Prompt { get; init; }
    public string? ProviderJobId { get; init; }
    public int? Progress { get; init; }
    public string? ProviderState { get; init; }
    public string? ResultText { get; init; }
    public string? ResultUrl { get; init; }
    public string? ThumbnailUrl { get; init; }
    public string? ResultFileId { get; init; }
    public string? ResultMetadata { get; init; }
    public string? ErrorKind { get; init; }
    public string? Error { get; init; }
    public int TokensSpent { get; init; }
    public long CreatedAt { get; init; }
    public long? StartedAt { get; init; }
    public long? FinishedAt { get; init; }
    public long? ProcessingMs { get; init; }
    public long? DeliveredAt { get; init; }

    /// <summary>The instance that admitted it (recovery releases only a dead instance's work).</summary>
    public string? InstanceId { get; init; }

    /// <summary>The chat message the answer is being streamed into (groups), for recovery to edit.</summary>
    public long? LiveMessageId { get; init; }

    public bool IsSettled => Status != GenerationStatus.Pending;

    internal const string Columns =
        """
        id, account_id, model_slug, category, source, chat_id, status, is_async, price, reserved_plan, reserved_bonus,
        cycle_id, options, prompt, provider_job_id, progress, provider_state, result_text, result_url, thumbnail_url,
        result_file_id, result_metadata, error_kind, error, tokens_spent, created_at, started_at, finished_at,
        processing_ms, delivered_at, instance_id, live_message_id
        """;
}

/// <summary>What a finished generation produced.</summary>
public sealed record GenerationResult
{
    public string? Text { get; init; }
    public string? Url { get; init; }
    public string? ThumbnailUrl { get; init; }
    public string? FileId { get; init; }
    public string? Metadata { get; init; }
}
