using System.Data.Common;
using Dapper;
using Elumenta.Core.Catalog;

namespace Elumenta.Core.Admin;

/// <summary>One UTC day of <c>/stats</c>: what the text totals and the chart draws per day.</summary>
public sealed record DayStats(DateOnly Day, long NewAccounts, IReadOnlyDictionary<string, long> Generations, long Stars)
{
    public long AllGenerations => Generations.Values.Sum();
}

/// <summary>
/// The per-day series of <c>/stats</c>, read by one statement. Every day of the period is present (zeros for a quiet
/// day) so the chart's axis is continuous and the text's totals are the sums of these rows.
/// </summary>
internal static class StatsDays
{
    private const long DayMs = 86_400_000;

    public static async Task<IReadOnlyList<DayStats>> ReadAsync(DbConnection c, DateOnly first, int days, CancellationToken ct)
    {
        var since = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var rows = await c.QueryAsync<(string Series, string Category, long Day, long Value)>(new CommandDefinition(
            """
            SELECT 'accounts', '', (created_at - @since) / @dayMs AS day, COUNT(*) FROM accounts
            WHERE created_at >= @since AND created_at < @until GROUP BY day
            UNION ALL
            SELECT 'generations', category, (created_at - @since) / @dayMs AS day, COUNT(*) FROM generations
            WHERE created_at >= @since AND created_at < @until GROUP BY category, day
            UNION ALL
            SELECT 'stars', '', (created_at - @since) / @dayMs AS day, CAST(SUM(stars) AS BIGINT) FROM payments
            WHERE status = 'fulfilled' AND created_at >= @since AND created_at < @until GROUP BY day
            """, new { since, until = since + (days * DayMs), dayMs = DayMs }, cancellationToken: ct));
        var accounts = new long[days];
        var stars = new long[days];
        var generations = Enumerable.Range(0, days).Select(_ => new SortedDictionary<string, long>(StringComparer.Ordinal)).ToArray();
        foreach (var (series, category, day, value) in rows)
        {
            var i = (int)day;
            switch (series)
            {
                case "accounts": accounts[i] += value; break;
                case "stars": stars[i] += value; break;
                default:
                    var name = Category(category);
                    generations[i][name] = generations[i].GetValueOrDefault(name) + value;
                    break;
            }
        }

        return Enumerable.Range(0, days).Select(i => new DayStats(first.AddDays(i), accounts[i], generations[i], stars[i])).ToList();
    }

    // Admission writes the enum name ("AudioTool"); older rows and tests may spell it "audio_tool": one name for both.
    private static string Category(string raw) => CatalogValidator.ParseCategory(raw)?.ToString() ?? raw;
}
