using System.Collections.Concurrent;
using Elumenta.Core.Coordination;
using Elumenta.Core.Storage;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ElumentaBot.Tests.Transport.Claims;

/// <summary>What every instance's handler saw: (instance, update, chat) in handling order, and overlaps within a chat.</summary>
internal sealed class ClaimLog
{
    private readonly ConcurrentDictionary<long, int> _runningPerChat = new();

    public ConcurrentQueue<(string Instance, int UpdateId, long Chat)> Handled { get; } = new();

    public int Overlaps;

    public async Task RecordAsync(string instance, UpdateContext context, CancellationToken ct, TimeSpan? busyFor = null)
    {
        var chat = context.ChatId ?? 0;
        if (_runningPerChat.AddOrUpdate(chat, 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref Overlaps);
        }

        try
        {
            Handled.Enqueue((instance, context.UpdateId, chat));
            await Task.Delay(busyFor ?? TimeSpan.FromMilliseconds(Random.Shared.Next(0, 8)), ct);
        }
        finally
        {
            _runningPerChat.AddOrUpdate(chat, 0, (_, n) => n - 1);
        }
    }
}

internal sealed class ClaimRecorder(ClaimNode node)
{
    public Task HandleAsync(UpdateContext context, CancellationToken ct) =>
        node.Detached ? node.RunDetached(context) : node.Log.RecordAsync(node.Name, context, ct);
}

/// <summary>One bot instance on a shared database: its own store, identity, claims, inbox, dispatcher and sweep loop.</summary>
internal sealed class ClaimNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _sweeping = new();
    private Task _sweep = Task.CompletedTask;

    public ClaimNode(string name, Store store, ClaimLog log, bool coordination = true, double leaseSeconds = 1)
    {
        Name = name;
        Log = log;
        Store = store;
        var time = TimeProvider.System;
        var options = Options.Create(new CoordinationOptions { Enabled = coordination, LeaseSeconds = leaseSeconds, ClaimSweepMs = 50 });
        Coordinator = new Coordinator(store, new InstanceIdentity(time, name), new Leases(store, time), options, time, NullLogger<Coordinator>.Instance);
        Claims = new ChatClaims(store, Coordinator, Busy, time);
        Inbox = new UpdateInbox(store, time, Claims);
        _services = new ServiceCollection().AddSingleton(this).AddScoped<ClaimRecorder>().BuildServiceProvider();
        var routes = new RouteTable();
        routes.Feature("Claims").Fallback<ClaimRecorder>((h, c, ct) => h.HandleAsync(c, ct));
        var pipeline = new UpdatePipeline(routes, new MainMenu(new Localizer()), []);
        Dispatcher = new UpdateDispatcher(_services.GetRequiredService<IServiceScopeFactory>(), pipeline, new TelegramBotClient("1:unset"),
            Inbox, Options.Create(new TelegramOptions()), time, NullLogger<UpdateDispatcher>.Instance, claims: Claims, busy: Busy);
        Busy.Idle += Dispatcher.OnIdle;
        Sweep = new ChatClaimSweep(Claims, Dispatcher, Busy, Coordinator, Options.Create(new TelegramOptions()), time, NullLogger<ChatClaimSweep>.Instance);
    }

    public string Name { get; }

    /// <summary>Work that outlives its update here (the recorder's detached runs).</summary>
    public BusyChats Busy { get; } = new();

    /// <summary>
    /// Handle as a chat question does: the handler only queues the work (in order per chat, here) and returns; the
    /// work runs detached: its admission ends the update's row, then it runs a while longer, holding the chat busy.
    /// </summary>
    public bool Detached { get; init; }

    private readonly Dictionary<long, Task> _tails = [];

    public Task RunDetached(UpdateContext context)
    {
        var completion = context.Completion!;
        var chat = context.ChatId ?? 0;
        completion.Defer();
        var hold = Busy.Hold(chat);
        lock (_tails)
        {
            _tails[chat] = _tails.GetValueOrDefault(chat, Task.CompletedTask).ContinueWith(async _ =>
            {
                try
                {
                    // Admitted first (the row is done), then the answer runs a while: only the hold keeps the chat here.
                    await completion.DoneAsync();
                    await Log.RecordAsync(Name, context, CancellationToken.None, busyFor: TimeSpan.FromMilliseconds(Random.Shared.Next(5, 40)));
                }
                finally
                {
                    hold.Dispose();
                }
            }, TaskScheduler.Default).Unwrap();
        }

        return Task.CompletedTask;
    }

    public ClaimLog Log { get; }

    public Store Store { get; }

    public Coordinator Coordinator { get; }

    public ChatClaims Claims { get; }

    public UpdateInbox Inbox { get; }

    public UpdateDispatcher Dispatcher { get; }

    public ChatClaimSweep Sweep { get; }

    /// <summary>The path polling and the webhook receiver share: store, then dispatch what came back.</summary>
    public async Task ReceiveAsync(long chat, int updateId)
    {
        var json = $$$"""
            {"update_id":{{{updateId}}},"message":{"message_id":{{{updateId}}},"date":0,"chat":{"id":{{{chat}}},"type":"private"},
             "from":{"id":{{{chat}}},"is_bot":false,"first_name":"t"},"text":"m{{{updateId}}}"}}
            """;
        (await Inbox.StoreAsync([new RawUpdate(RawUpdate.ParseUpdate(json), json)], CancellationToken.None)).ForEach(Dispatcher.Enqueue);
    }

    public void StartSweeping()
    {
        if (Claims.Enabled)
        {
            _sweep = Task.Run(async () =>
            {
                while (!_sweeping.IsCancellationRequested)
                {
                    await Sweep.SweepOnceAsync(_sweeping.Token);
                    await Task.Delay(Coordinator.ClaimSweep, _sweeping.Token);
                }
            });
        }
    }

    /// <summary>A crash, as far as the others can tell: no more sweeps (no renewals), no more handling; claims and rows stay.</summary>
    public async Task DieAsync()
    {
        await _sweeping.CancelAsync();
        await _sweep.ContinueWith(_ => { }, TaskScheduler.Default);
        await Dispatcher.StopAsync(TimeSpan.Zero);
    }

    public async ValueTask DisposeAsync()
    {
        await DieAsync();
        Dispatcher.Dispose();
        _sweeping.Dispose();
        await _services.DisposeAsync();
        await Store.DisposeAsync();
    }
}
