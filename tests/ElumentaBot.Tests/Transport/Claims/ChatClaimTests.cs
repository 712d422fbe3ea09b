using Dapper;
using Elumenta.Core.Storage;
using Elumenta.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Tests.Transport.Claims;

/// <summary>Two bot instances on one PostgreSQL database: per-chat order and exactly-once handling across them.</summary>
public sealed class ChatClaimTests
{
    [Fact]
    public async Task Updates_stored_alternately_through_two_instances_are_each_handled_once_in_chat_order_and_every_claim_is_released()
    {
        var db = await TestStores.NewPostgresDatabaseAsync();
        var log = new ClaimLog();
        await using var a = new ClaimNode("a", new PostgresStore(db), log);
        await using var b = new ClaimNode("b", new PostgresStore(db), log);
        a.StartSweeping();
        b.StartSweeping();
        const int chats = 20, perChat = 10;
        var id = 1;
        for (var i = 0; i < perChat; i++)
        {
            for (var chat = 1; chat <= chats; chat++)
            {
                await ((i + chat) % 2 == 0 ? a : b).ReceiveAsync(chat, id++);
            }
        }

        await BotHarness.WaitUntilAsync(() => log.Handled.Count >= chats * perChat, TimeSpan.FromSeconds(20), "every update is handled");
        await BotHarness.WaitUntilAsync(async () => await CountAsync(a.Store, "SELECT COUNT(*) FROM chat_claims") == 0,
            TimeSpan.FromSeconds(5), "every claim is released");

        AssertOncePerChatInOrder(log, chats * perChat);
        Assert.Equal(0, log.Overlaps);
        Assert.Contains(log.Handled, h => h.Instance == "a");
        Assert.Contains(log.Handled, h => h.Instance == "b");
        Assert.Equal(0, await CountAsync(a.Store, "SELECT COUNT(*) FROM update_inbox WHERE status <> 'done'"));
    }

    [Fact]
    public async Task Work_that_outlives_its_update_keeps_the_chat_on_its_instance_so_the_next_update_never_runs_beside_it()
    {
        // A chat question's handler only queues it; the answer runs after the update is handled. The chat's claim
        // stays with the instance until that answer ends, so a question stored through the other instance waits
        // behind it instead of being answered beside it, out of order.
        var db = await TestStores.NewPostgresDatabaseAsync();
        var log = new ClaimLog();
        await using var a = new ClaimNode("a", new PostgresStore(db), log) { Detached = true };
        await using var b = new ClaimNode("b", new PostgresStore(db), log) { Detached = true };
        a.StartSweeping();
        b.StartSweeping();
        const int chats = 6, perChat = 8;
        var id = 1;
        for (var i = 0; i < perChat; i++)
        {
            for (var chat = 1; chat <= chats; chat++)
            {
                await ((i + chat) % 2 == 0 ? a : b).ReceiveAsync(chat, id++);
            }

            await Task.Delay(15);
        }

        await BotHarness.WaitUntilAsync(() => log.Handled.Count >= chats * perChat, TimeSpan.FromSeconds(30), "every update is handled");
        await BotHarness.WaitUntilAsync(async () => await CountAsync(a.Store, "SELECT COUNT(*) FROM chat_claims") == 0,
            TimeSpan.FromSeconds(5), "every claim is released once its work ended");
        AssertOncePerChatInOrder(log, chats * perChat);
        Assert.Equal(0, log.Overlaps);
        Assert.Equal(0, await CountAsync(a.Store, "SELECT COUNT(*) FROM update_inbox WHERE status <> 'done'"));
    }

    [Fact]
    public async Task A_dead_instances_chats_are_taken_over_after_the_lease_and_its_pending_updates_handled_once_in_order()
    {
        var db = await TestStores.NewPostgresDatabaseAsync();
        var log = new ClaimLog();
        await using var dead = new ClaimNode("dead", new PostgresStore(db), log);
        await using var survivor = new ClaimNode("survivor", new PostgresStore(db), log);
        await dead.DieAsync(); // stores and claims, never handles, never renews
        const int chats = 10, perChat = 5;
        var id = 1;
        for (var i = 0; i < perChat; i++)
        {
            for (var chat = 1; chat <= chats; chat++)
            {
                await dead.ReceiveAsync(chat, id++);
            }
        }

        Assert.Equal(chats, await CountAsync(dead.Store, $"SELECT COUNT(*) FROM chat_claims WHERE holder = '{dead.Coordinator.Me.Id}'"));
        survivor.StartSweeping();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Empty(log.Handled); // the claims are live for another half second

        await BotHarness.WaitUntilAsync(() => log.Handled.Count >= chats * perChat, TimeSpan.FromSeconds(5), "the survivor handles the dead instance's updates");
        await BotHarness.WaitUntilAsync(async () => await CountAsync(survivor.Store, "SELECT COUNT(*) FROM chat_claims") == 0,
            TimeSpan.FromSeconds(5), "the survivor releases the chats when done");
        AssertOncePerChatInOrder(log, chats * perChat);
        Assert.All(log.Handled, h => Assert.Equal("survivor", h.Instance));
    }

    [Fact]
    public async Task With_coordination_off_on_sqlite_nothing_touches_the_claims()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = BotHarness.NewDatabasePath() });
        var store = new SqliteStore(options);
        await new MigrationRunner(store, options, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        var log = new ClaimLog();
        await using var node = new ClaimNode("solo", store, log, coordination: false);
        Assert.False(node.Claims.Enabled);
        Assert.False(node.Dispatcher.ClaimsEnabled);
        node.StartSweeping();
        for (var i = 1; i <= 20; i++)
        {
            await node.ReceiveAsync(i % 3, i);
        }

        await BotHarness.WaitUntilAsync(() => log.Handled.Count >= 20, TimeSpan.FromSeconds(10), "every update is handled");
        await node.Sweep.StopAsync(CancellationToken.None);
        AssertOncePerChatInOrder(log, 20);
        Assert.Equal(0, await CountAsync(store, "SELECT COUNT(*) FROM chat_claims"));
        Assert.Equal(0, await CountAsync(store, "SELECT COUNT(*) FROM update_inbox WHERE holder IS NOT NULL OR claim_until IS NOT NULL"));
    }

    private static void AssertOncePerChatInOrder(ClaimLog log, int total)
    {
        var handled = log.Handled.ToList();
        Assert.Equal(total, handled.Count);
        Assert.Equal(total, handled.Select(h => h.UpdateId).Distinct().Count());
        foreach (var chat in handled.GroupBy(h => h.Chat))
        {
            var ids = chat.Select(h => h.UpdateId).ToList();
            Assert.Equal(ids.Order(), ids);
        }
    }

    private static Task<long> CountAsync(Store store, string sql) =>
        store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql));
}
