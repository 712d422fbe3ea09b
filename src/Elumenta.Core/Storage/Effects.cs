using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dapper;

namespace Elumenta.Core.Storage;

/// <summary>The result of an effect run at most once: the value and whether this call is the one that ran it.</summary>
public readonly record struct Once<T>(T Value, bool First);

/// <summary>
/// Effects that must happen once per key. The key is recorded in the same transaction as the effect, together
/// with the result the caller replies from; a second call with the key runs nothing and returns that result.
/// </summary>
public sealed class Effects(Store store, TimeProvider time)
{
    public Task<Once<T>> RunOnceAsync<T>(string key, JsonTypeInfo<T> resultType,
        Func<DbConnection, DbTransaction, Task<T>> effect, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(resultType);
        ArgumentNullException.ThrowIfNull(effect);
        return store.WriteAsync(async (c, t) =>
        {
            if (await FindAsync(c, t, key, ct) is { } stored)
            {
                return new Once<T>(JsonSerializer.Deserialize(stored, resultType)!, First: false);
            }

            var value = await effect(c, t);
            await RecordAsync(c, t, key, JsonSerializer.Serialize(value, resultType), time.NowMs(), ct);
            return new Once<T>(value, First: true);
        }, ct);
    }

    /// <summary>For a service that runs its own transaction: the stored result of <paramref name="key"/>, or null.</summary>
    public static Task<string?> FindAsync(DbConnection connection, DbTransaction? transaction, string key, CancellationToken ct) =>
        connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT result FROM effects WHERE key = @key", new { key }, transaction, cancellationToken: ct));

    /// <summary>Records <paramref name="key"/> inside the caller's transaction; false when it was already there.</summary>
    public static async Task<bool> RecordAsync(DbConnection connection, DbTransaction transaction, string key, string result, long nowMs, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO effects (key, result, created_at) VALUES (@key, @result, @nowMs) ON CONFLICT DO NOTHING",
            new { key, result, nowMs }, transaction, cancellationToken: ct)) == 1;

    public Task<string?> FindAsync(string key, CancellationToken ct = default) =>
        store.ReadAsync(c => FindAsync(c, null, key, ct), ct);
}
