using System.Collections.Concurrent;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Providers;
using ElumentaBot.Chat;
using ElumentaBot.Chat.Streaming;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ElumentaBot.InlineMode;

/// <summary>
/// Admits a picked inline question (the same admission as chat: tier, limits, price; keyed on the inline message so a
/// redelivery admits nothing) and streams the answer into the inline message in the background, so the user's private
/// chat is not held up. Every admitted generation is settled exactly once: captured after the final edit, released on
/// failure or shutdown (a crash leaves it to <c>ChatRecovery</c>, which releases pending text answers at start).
/// </summary>
public sealed partial class InlineRunner(
    ITelegramBotClient bot,
    Admission admission,
    GenerationStore generations,
    ModelCatalog catalog,
    IChatModel chat,
    InlineAnswers answers,
    InlineTexts texts,
    RefusalRenderer refusals,
    BotIdentity identity,
    InlineRecovery recovery,
    Orphans orphans,
    IOptions<ChatOptions> options,
    TimeProvider time,
    ILogger<InlineRunner> logger) : IHostedService
{
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<long, Task> _running = new();

    public async Task AcceptAsync(InlineJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var model = catalog.FindModel(job.ModelSlug)!;
        var username = (await identity.GetAsync(ct)).Username ?? "";
        var result = await admission.AdmitAsync(new AdmissionRequest(job.AccountId, model.Slug)
        {
            Prompt = job.Question, IdempotencyKey = job.IdempotencyKey,
        }, ct);
        switch (result)
        {
            case AdmissionResult.Repeated repeated:
                LogRepeated(job.InlineMessageId, repeated.GenerationId);
                return;
            case AdmissionResult.Admitted admitted:
                var run = Task.Run(() => RunAsync(job, model, admitted.GenerationId, username), CancellationToken.None);
                _running[admitted.GenerationId] = run;
                _ = run.ContinueWith(_ => _running.TryRemove(admitted.GenerationId, out Task? _), TaskScheduler.Default);
                return;
            default:
                await View(job, model, 0, username).AbandonAsync(refusals.Render(result, job.Language), ct);
                return;
        }
    }

    /// <summary>Tells inline messages cut off by a crash, in the background (it needs the Bot API, which may be slow).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        _ = Task.Run(async () =>
        {
            try
            {
                await orphans.RecoverAsync("recovery:inline", ct => recovery.TellInterruptedAsync(startedAt, ct), _shutdown.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Telling interrupted inline answers failed");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _shutdown.CancelAsync();
        await Task.WhenAny(Task.WhenAll(_running.Values), Task.Delay(TimeSpan.FromMilliseconds(options.Value.ShutdownGraceMs), time, cancellationToken));
    }

    private async Task RunAsync(InlineJob job, Model model, long generationId, string username)
    {
        var ct = _shutdown.Token;
        var view = View(job, model, generationId, username);
        try
        {
            await view.BeginAsync(ct);
            var stream = new AnswerStream(view, int.MaxValue, time);
            var answer = await stream.RunAsync(chat.StreamAsync(new ChatRequest(model, [ChatTurn.User(job.Question)]), ct), () => { }, ct);
            if (string.IsNullOrWhiteSpace(answer))
            {
                await FailAsync(job, generationId, "empty", "The model returned no text.", view);
                return;
            }

            await stream.FinishAsync(ct);
            await generations.CompleteAsync(generationId, new GenerationResult { Text = answer }, CancellationToken.None);
            LogDelivered(generationId, answer.Length);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await FailAsync(job, generationId, "interrupted", "The bot stopped while answering.", view);
        }
        catch (ProviderException ex)
        {
            logger.LogWarning(ex, "Inline answer {GenerationId} failed at the provider", generationId);
            await FailAsync(job, generationId, ex.KindName, ex.Message, view);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Inline answer {GenerationId} failed", generationId);
            await FailAsync(job, generationId, "error", ex.GetType().Name + ": " + ex.Message, view);
        }
    }

    private InlineView View(InlineJob job, Model model, long generationId, string username) =>
        new(bot, job, texts, texts.OpenBot(job.Language, username), (markdown, ct) => ComposeAsync(job, generationId, username, markdown, ct),
            TimeSpan.FromMilliseconds(options.Value.GroupEditIntervalMs), time, logger);

    private async Task<InlineFinal> ComposeAsync(InlineJob job, long generationId, string username, string markdown, CancellationToken ct)
    {
        var (html, plain, cut) = texts.Final(job.Language, job.Question, markdown);
        if (!cut)
        {
            return new InlineFinal(html, plain, texts.OpenBot(job.Language, username));
        }

        // Stored before the edit that shows the button, so the button always finds it.
        var token = await answers.SaveAsync(job.AccountId, generationId, markdown, ct);
        return new InlineFinal(html, plain, texts.FullAnswer(job.Language, username, token));
    }

    private async Task FailAsync(InlineJob job, long generationId, string kind, string error, InlineView view)
    {
        await generations.FailAsync(generationId, kind, error, ct: CancellationToken.None);
        var notice = kind == "interrupted"
            ? new Refusal(texts.Stopped(job.Language), null)
            : refusals.Failure(kind, job.Language, generationId);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(kind == "interrupted" ? 2 : 30));
        try
        {
            await view.AbandonAsync(notice, deadline.Token);
        }
        catch (Exception ex) when (ex is Telegram.Bot.Exceptions.RequestException or OperationCanceledException or HttpRequestException)
        {
            LogNotTold(ex, job.InlineMessageId);
        }
    }

    [LoggerMessage(LogLevel.Information, "Chosen inline result {InlineMessageId} was already admitted (generation {GenerationId}); nothing to do")]
    private partial void LogRepeated(string inlineMessageId, long? generationId);

    [LoggerMessage(LogLevel.Information, "Inline answer {GenerationId} delivered ({Length} characters)")]
    private partial void LogDelivered(long generationId, int length);

    [LoggerMessage(LogLevel.Information, "Could not tell inline message {InlineMessageId} how its request ended")]
    private partial void LogNotTold(Exception ex, string inlineMessageId);
}
