using System.Text.Json.Serialization;
using Elumenta.Core.Storage;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Observability;

/// <summary>What <c>/ready</c> answers: 200 with <c>{"status":"ready"}</c>, or 503 with the reason.</summary>
public sealed record ReadinessReport(
    bool Ready,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Migrations = null);

/// <summary>
/// Readiness, shared by both programs: the store answers and its schema is exactly the migrations this build ships
/// (none pending, none edited, none unknown to it). Liveness (<c>/health</c>) never touches the store.
/// </summary>
public sealed class Readiness(IOptions<StorageOptions> options)
{
    public async Task<ReadinessReport> CheckAsync(CancellationToken ct)
    {
        MigrationStatus status;
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(TimeSpan.FromSeconds(5));
            status = await MigrationRunner.StatusAsync(options.Value, cts.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The message names the database (path or host), never a password: connection strings are not echoed.
            return new ReadinessReport(false, "unavailable", $"store unreachable ({e.GetType().Name})");
        }

        if (!status.DatabaseExists)
        {
            return new ReadinessReport(false, "unavailable", "database does not exist yet");
        }

        if (status.Pending.Count > 0)
        {
            return new ReadinessReport(false, "unavailable", "migrations pending", status.Pending);
        }

        if (status.Edited.Count > 0)
        {
            return new ReadinessReport(false, "unavailable", "migrations edited after they were applied", status.Edited);
        }

        // Applied rows this build has no file for: the database is newer than the program.
        var unknown = status.Applied - (status.Files - status.Pending.Count);
        return unknown > 0
            ? new ReadinessReport(false, "unavailable", $"{unknown} applied migrations unknown to this build")
            : new ReadinessReport(true, "ready");
    }
}
