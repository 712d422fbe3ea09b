using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Storage;
using ElumentaBot.Localization;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Media.Running;

/// <summary>
/// Keeps the user company while a job runs: the chat action every ~4.5 s (it fades after 5) and the status message
/// edited with state, percent and elapsed time — at most every 5 s and never with identical text.
/// </summary>
public sealed class ProgressReporter(ITelegramBotClient bot, GenerationStore generations, Localizer texts, TimeProvider clock, IOptions<MediaOptions> options)
{
    public async Task RunAsync(RunningJob job, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(job.Stop.Token, stopping);
        var ct = linked.Token;
        var lastEdit = clock.NowMs();
        var action = Action(job.Model);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Quietly(() => bot.SendChatAction(job.User.ChatId, action, cancellationToken: ct));
                await Task.Delay(options.Value.ChatActionInterval, clock, ct);
                var generation = await generations.GetAsync(job.GenerationId, ct);
                if (generation is null || generation.IsSettled)
                {
                    return;
                }

                var now = clock.NowMs();
                var text = Status(job, generation, now);
                if (job.StatusMessageId is { } messageId && text != job.StatusText
                    && now - lastEdit >= (long)options.Value.ProgressEditInterval.TotalMilliseconds)
                {
                    await Quietly(() => bot.EditMessageText(job.User.ChatId, messageId, text, cancellationToken: ct));
                    job.StatusText = text;
                    lastEdit = now;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public string Initial(string language, Model model) =>
        texts.Get(language, "media.progress.line", ("model", model.Name), ("state", texts.Get(language, "media.progress.starting")), ("elapsed", "0:00"));

    public string Status(RunningJob job, Generation generation, long now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(generation);
        var lang = job.User.Language;
        var state = generation.ProviderState?.ToLowerInvariant() switch
        {
            null when generation.ProviderJobId is null && generation.IsAsync => texts.Get(lang, "media.progress.starting"),
            "queued" or "pending" or "starting" or "waiting" or "in_queue" or "dreaming" or "submitted" => texts.Get(lang, "media.progress.queued"),
            _ => texts.Get(lang, "media.progress.generating"),
        };
        if (generation.Progress is { } percent and > 0)
        {
            state += $" · {percent}%";
        }

        return texts.Get(lang, "media.progress.line", ("model", job.Model.Name), ("state", state), ("elapsed", Elapsed(now - job.StartedAt)));
    }

    public static ChatAction Action(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Category switch
        {
            ModelCategory.Video => ChatAction.UploadVideo,
            ModelCategory.Music or ModelCategory.Tts or ModelCategory.AudioTool => ChatAction.RecordVoice,
            _ when model.Slug == "text-ocr" => ChatAction.Typing,
            _ => ChatAction.UploadPhoto,
        };
    }

    private static string Elapsed(long ms)
    {
        var t = TimeSpan.FromMilliseconds(Math.Max(0, ms));
        return $"{(int)t.TotalMinutes}:{t.Seconds:00}";
    }

    private static async Task Quietly(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RequestException)
        {
            // A missed chat action or status edit is cosmetic; the result is delivered regardless.
        }
    }
}
