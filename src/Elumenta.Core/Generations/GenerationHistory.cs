using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Generations;

/// <summary>Which of an account's generations to list; a null field does not filter.</summary>
/// <param name="Category">As stored: the <see cref="Catalog.ModelCategory"/> name (<c>Image</c>, <c>AudioTool</c>).</param>
public sealed record HistoryFilter(string? Category = null, string? ModelSlug = null, string? Status = null);

public sealed record HistoryPage(IReadOnlyList<Generation> Items, int Total);

/// <summary>An account's generations, newest first, from the bot and the API alike (the API's <c>/user/history</c>).</summary>
public sealed class GenerationHistory(Store store)
{
    private const string Where =
        """
        account_id = @accountId
        AND (@Category IS NULL OR category = @Category)
        AND (@ModelSlug IS NULL OR model_slug = @ModelSlug)
        AND (@Status IS NULL OR status = @Status)
        """;

    public Task<HistoryPage> PageAsync(long accountId, HistoryFilter filter, int offset, int limit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var args = new { accountId, filter.Category, filter.ModelSlug, filter.Status, offset, limit };
        return store.ReadAsync(async c =>
        {
            // One read transaction, so the count and the page describe the same moment.
            await using var read = await Store.BeginSnapshotAsync(c, ct);
            var total = await c.ExecuteScalarAsync<int>(new CommandDefinition(
                $"SELECT COUNT(*) FROM generations WHERE {Where}", args, read, cancellationToken: ct));
            var items = await c.QueryAsync<Generation>(new CommandDefinition(
                $"SELECT {Generation.Columns} FROM generations WHERE {Where} ORDER BY id DESC LIMIT @limit OFFSET @offset", args, read, cancellationToken: ct));
            return new HistoryPage(items.ToList(), total);
        }, ct);
    }
}
