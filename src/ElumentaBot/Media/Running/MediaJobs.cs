using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Providers.Jobs;
using ElumentaBot.Media.Confirmations;

namespace ElumentaBot.Media.Running;

/// <summary>
/// The media half of <c>/cancel</c>: the one route (Chat's) stops a running answer and calls
/// <see cref="CancelForChatAsync"/>, so one command stops both kinds of work.
/// </summary>
public interface IMediaJobs
{
    /// <summary>Cancels the account's unfinished media jobs and open media drafts in this chat; returns how many jobs.</summary>
    Task<int> CancelForChatAsync(long chatId, long accountId, CancellationToken ct);
}

/// <summary>Cancels upstream where the provider can and releases the reservation (<see cref="JobPoller.CancelAsync"/>).</summary>
public sealed class MediaJobs(GenerationStore generations, JobPoller poller, ConfirmationStore drafts) : IMediaJobs
{
    public async Task<int> CancelForChatAsync(long chatId, long accountId, CancellationToken ct)
    {
        await drafts.CancelOpenAsync(chatId, accountId, ct);
        var open = (await generations.ListOpenAsync(asyncOnly: false, "bot", ct))
            .Where(g => g.ChatId == chatId && g.AccountId == accountId && g.Category != nameof(ModelCategory.Text))
            .ToList();
        var canceled = 0;
        foreach (var generation in open)
        {
            // The poller's settlement tells every IJobListener, so the user hears "canceled, not charged" from there.
            if (await poller.CancelAsync(generation.Id, ct))
            {
                canceled++;
            }
        }

        return canceled;
    }
}
