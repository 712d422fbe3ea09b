using Dapper;
using Elumenta.Core.Storage;
using Elumenta.Tests.Shared;

namespace Elumenta.Core.Tests.Storage;

/// <summary>PostgreSQL keeps the store's statements prepared per server connection, unless the connection string says otherwise.</summary>
public sealed class PostgresPreparedTests
{
    private const string Probe = "SELECT @n + 1";

    [Fact]
    public async Task Repeated_statements_are_prepared_on_the_server_by_default()
    {
        if (await PostgresCluster.SharedOrSkipAsync() is not { } cluster)
        {
            return;
        }

        await using var store = new PostgresStore(await cluster.CreateDatabaseAsync());
        Assert.Equal(1, await PreparedAfterRepeatsAsync(store));
    }

    [Fact]
    public async Task An_operator_behind_a_transaction_pooler_turns_it_off_in_the_connection_string()
    {
        if (await PostgresCluster.SharedOrSkipAsync() is not { } cluster)
        {
            return;
        }

        await using var store = new PostgresStore(await cluster.CreateDatabaseAsync() + ";Max Auto Prepare=0");
        Assert.Equal(0, await PreparedAfterRepeatsAsync(store));
    }

    /// <summary>Runs the probe ten times on one connection (answers checked) and counts the server's prepared statements for it.</summary>
    private static Task<long> PreparedAfterRepeatsAsync(Store store) =>
        store.WriteAsync(async (c, t) =>
        {
            for (var n = 0; n < 10; n++)
            {
                Assert.Equal(n + 1, await c.ExecuteScalarAsync<int>(Probe, new { n }, t));
            }

            return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1 + 1%'", transaction: t);
        });
}
