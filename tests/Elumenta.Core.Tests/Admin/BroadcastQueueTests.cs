using Elumenta.Core.Admin;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Admin;

/// <summary>The durable broadcast queue on both engines: queued once per key, resumed from its cursor, counted.</summary>
public sealed class BroadcastQueueTests
{
    [Fact]
    public async Task A_broadcast_is_queued_once_per_key_and_resumes_from_the_last_recipient_reached()
    {
        await using var h = await CoreHarness.StartAsync();
        var queue = new Broadcasts(h.Main.Store, h.Clock);
        var first = await h.Main.Store.WriteAsync((c, t) => queue.EnqueueAsync(c, t, "update:1", 7, 70, "en", "news", CancellationToken.None));
        var again = await h.SecondProcess.Store.WriteAsync((c, t) => queue.EnqueueAsync(c, t, "update:1", 7, 70, "en", "news", CancellationToken.None));
        Assert.True(first);
        Assert.False(again);

        var job = (await queue.NextAsync())!;
        Assert.Equal(("news", 70L, (long?)null), (job.Text, job.AdminChatId, job.Recipients));
        Assert.True(await queue.StartAsync(job.Id, recipients: 3, lastAccount: 30, skipped: 2));
        Assert.False(await queue.StartAsync(job.Id, recipients: 9, lastAccount: 90, skipped: 0));
        await queue.ReachAsync(job.Id, 10);
        await queue.CountAsync(job.Id, BroadcastOutcome.Sent);
        await queue.ReachAsync(job.Id, 20);

        // A crash here: the resumed run starts after account 20 (its message may or may not have gone out, never twice).
        var resumed = (await queue.NextAsync())!;
        Assert.Equal((20L, 2L, 1L, 3L, 30L), (resumed.Cursor, resumed.Processed, resumed.Sent, resumed.Recipients!.Value, resumed.LastAccount!.Value));
        await queue.ReachAsync(job.Id, 30);
        await queue.CountAsync(job.Id, BroadcastOutcome.Failed);

        // Account 20's outcome was never counted: it shows in neither sent nor failed; skipped = 2 at start + none later.
        Assert.Equal((1L, 1L, 2L), await queue.FinishAsync(job.Id));
        Assert.Null(await queue.NextAsync());
    }
}
