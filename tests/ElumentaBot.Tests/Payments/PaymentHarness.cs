using Elumenta.Core.Accounts;
using Elumenta.Core.Payments;
using ElumentaBot.Notifications;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Payments;

/// <summary>The real bot host with payments, a movable clock, admin <see cref="AdminId"/>, and the scheduler run by hand.</summary>
internal sealed class PaymentHarness : IAsyncDisposable
{
    public const long AdminId = 900_001;
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private PaymentHarness(BotHarness bot, ShiftableClock clock)
    {
        Bot = bot;
        Clock = clock;
    }

    public BotHarness Bot { get; }

    public ShiftableClock Clock { get; }

    public FakeBot Fake => Bot.Fake;

    public T Get<T>()
        where T : notnull => Bot.Host.Services.GetRequiredService<T>();

    public static async Task<PaymentHarness> StartAsync(FakeBotApiServer server, string? db = null, ShiftableClock? clock = null,
        IDictionary<string, string?>? settings = null, bool pacing = false, Action<IServiceCollection>? services = null)
    {
        clock ??= new ShiftableClock();
        var values = new Dictionary<string, string?>
        {
            ["Telegram:AdminUserIds:0"] = AdminId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telegram:SupportBotUsername"] = "ElumentaSupportBot",
            ["Telegram:Pacing:Enabled"] = pacing ? "true" : "false",
            ["Scheduler:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var bot = await BotHarness.StartAsync(server, db, values, s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            services?.Invoke(s);
        });
        return new PaymentHarness(bot, clock);
    }

    public async Task RunCycleJobsAsync()
    {
        await using var scope = Bot.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CycleJobs>().RunOnceAsync(CancellationToken.None);
    }

    public Task<Account?> AccountAsync(long telegramUserId) => Get<AccountService>().FindByTelegramIdAsync(telegramUserId);

    /// <summary>Delivered (200) sendMessage calls to a chat.</summary>
    public IReadOnlyList<FakeCall> Messages(long chatId) =>
        Fake.CallsTo("sendMessage").Where(c => c.Long("chat_id") == chatId && c.Status == 200).ToList();

    public async Task<IReadOnlyList<FakeCall>> WaitForMessagesAsync(long chatId, int count)
    {
        await BotHarness.WaitUntilAsync(() => Messages(chatId).Count >= count, Wait, $"{count} messages reach chat {chatId}");
        return Messages(chatId);
    }

    public async Task<FakeCall> WaitForCallAsync(string method, Func<FakeCall, bool> match)
    {
        await BotHarness.WaitUntilAsync(() => Fake.CallsTo(method).Any(match), Wait, $"a matching {method} call");
        return Fake.CallsTo(method).First(match);
    }

    /// <summary>Taps a package button and returns the invoice the bot sent.</summary>
    public async Task<FakeCall> OrderPackageAsync(long userId, string code)
    {
        var before = Fake.CallsTo("sendInvoice").Count;
        Fake.SendCallbackQuery(userId, "pay:pkg:" + code);
        await BotHarness.WaitUntilAsync(() => Fake.CallsTo("sendInvoice").Count > before, Wait, "the invoice is sent");
        return Fake.CallsTo("sendInvoice")[before];
    }

    /// <summary>Taps a plan button (confirmed, when a plan is active) and returns the createInvoiceLink call.</summary>
    public async Task<FakeCall> OrderPlanAsync(long userId, string code, bool confirm = false)
    {
        var before = Fake.CallsTo("createInvoiceLink").Count;
        Fake.SendCallbackQuery(userId, (confirm ? "pay:planok:" : "pay:plan:") + code);
        await BotHarness.WaitUntilAsync(() => Fake.CallsTo("createInvoiceLink").Count > before, Wait, "the invoice link is created");
        return Fake.CallsTo("createInvoiceLink")[before];
    }

    /// <summary>Pre-checkout, then returns the answer call.</summary>
    public async Task<FakeCall> PreCheckoutAsync(long userId, string payload, long amount)
    {
        var before = Fake.CallsTo("answerPreCheckoutQuery").Count;
        Fake.SendPreCheckoutQuery(userId, payload, amount);
        await BotHarness.WaitUntilAsync(() => Fake.CallsTo("answerPreCheckoutQuery").Count > before, Wait, "the pre-checkout query is answered");
        return Fake.CallsTo("answerPreCheckoutQuery")[before];
    }

    /// <summary>Sends successful_payment and waits until the store has the payment and it is confirmed.</summary>
    public async Task<Payment> PayAsync(long userId, string payload, long amount, string chargeId, bool recurring = false, bool first = false)
    {
        Fake.SendSuccessfulPayment(userId, payload, amount, chargeId, recurring, first);
        return await WaitConfirmedAsync(chargeId);
    }

    public async Task<Payment> WaitConfirmedAsync(string chargeId)
    {
        var payments = Get<PaymentService>();
        await BotHarness.WaitUntilAsync(async () => (await payments.FindAsync(chargeId))?.ConfirmationSentAt is not null, Wait, $"payment {chargeId} is confirmed");
        return (await payments.FindAsync(chargeId))!;
    }

    /// <summary>Waits until these updates are done (handled) in the inbox.</summary>
    public Task WaitHandledAsync(params int[] updateIds) =>
        BotHarness.WaitUntilAsync(async () => await Bot.QueryAsync<long>(
            "SELECT COUNT(*) FROM update_inbox WHERE status IN ('done', 'failed') AND update_id IN @updateIds", new { updateIds }) == updateIds.Length,
            Wait, "the updates are handled");

    public static string Payload(FakeCall call) => call.String("payload")!;

    public ValueTask DisposeAsync() => Bot.DisposeAsync();
}
