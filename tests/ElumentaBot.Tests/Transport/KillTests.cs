using Dapper;
using Elumenta.Core.Storage;
using ElumentaBot.Sandbox;

namespace ElumentaBot.Tests.Transport;

public sealed class KillTests
{
    private const long Admin = 960001;
    private const long User = 960002;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_bot_killed_between_a_grant_and_its_reply_grants_once_and_replies_once_after_restart()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var fake = server.Bot(BotHarness.Token);
        var db = BotHarness.NewDatabasePath();
        fake.SendText(User, "/start");
        using (var run1 = BotProcess.Start(server, db, Admin))
        {
            await BotHarness.WaitUntilAsync(() => Replies(fake, User).Count == 1, Wait, "the user is greeted");
            // The grant's reply hangs: the grant has committed, the reply never completes, and the process dies.
            fake.Delay("sendMessage", TimeSpan.FromMinutes(5));
            fake.SendText(Admin, $"/grant {User} 25");
            await BotHarness.WaitUntilAsync(() => fake.CallsTo("sendMessage").Any(c => c.Long("chat_id") == Admin), Wait, "the grant's reply is on its way");
            run1.Kill();
        }

        fake.ClearFaults();
        using var run2 = BotProcess.Start(server, db, Admin);
        await BotHarness.WaitUntilAsync(() => Replies(fake, Admin).Count == 1, Wait, "the restarted bot replies to the admin");
        await Task.Delay(1500);

        var reply = Assert.Single(Replies(fake, Admin));
        Assert.Contains("+25 tokens", reply.String("text"), StringComparison.Ordinal);
        await using var store = new SqliteStore(db);
        var (grants, bonus) = await store.ReadAsync(async c => (
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ledger WHERE kind = 'admin_grant'"),
            await c.ExecuteScalarAsync<long>("SELECT bonus_tokens FROM accounts WHERE telegram_user_id = @User", new { User })));
        Assert.Equal((1L, 75L), (grants, bonus));
    }

    private static List<FakeCall> Replies(FakeBot fake, long chatId) =>
        fake.CallsTo("sendMessage").Where(c => c.Long("chat_id") == chatId && c.Status == 200).ToList();
}
