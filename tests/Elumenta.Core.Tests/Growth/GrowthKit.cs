using Dapper;
using Elumenta.Core.Accounts;
using Elumenta.Core.Growth;
using Elumenta.Core.Payments;
using Elumenta.Core.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Tests.Growth;

/// <summary>Referrals, promo codes and payments (with referral rewards wired in, as the host wires them) over one store.</summary>
internal sealed class GrowthKit
{
    private readonly CoreHarness _h;
    private readonly CoreServices _services;

    public GrowthKit(CoreHarness h, CoreServices services)
    {
        _h = h;
        _services = services;
        Referrals = new Referrals(services.Store, h.Clock);
        Rewards = new ReferralRewards(services.Store, Options.Create(new ReferralOptions()), h.Clock);
        Orders = new OrderService(services.Store, CoreHarness.Catalog, h.Clock);
        Payments = new PaymentService(services.Store, CoreHarness.Catalog, services.Billing, h.Clock, NullLogger<PaymentService>.Instance, Rewards);
        Promos = new PromoCodes(services.Store);
    }

    public Referrals Referrals { get; }
    public ReferralRewards Rewards { get; }
    public OrderService Orders { get; }
    public PaymentService Payments { get; }
    public PromoCodes Promos { get; }

    /// <summary>A first contact, with the start payload the account gate would pass.</summary>
    public Task<AccountSession> StartAsync(long telegramUserId, string? payload) =>
        _services.Accounts.GetOrCreateAsync(new TelegramUserInfo(telegramUserId, $"user{telegramUserId}", "Test", "en"), payload);

    public async Task<Account> JoinThroughAsync(long telegramUserId, Account inviter) =>
        (await StartAsync(telegramUserId, Elumenta.Core.Growth.Referrals.PayloadPrefix + await Referrals.CodeAsync(inviter.Id))).Account;

    public async Task<FulfilmentResult> PayPackageAsync(Account payer, string package, string chargeId)
    {
        var order = (await Orders.CreateAsync(payer.Id, OrderKind.Package, package))!;
        return await Payments.FulfilAsync(new SuccessfulPaymentInfo(payer.TelegramUserId, "XTR", order.Stars, order.Id, chargeId));
    }

    public Task<long?> InviterOfAsync(Account referral) =>
        _services.Store.ReadAsync(c => c.QuerySingleOrDefaultAsync<long?>(
            "SELECT inviter_account_id FROM referrals WHERE referral_account_id = @Id", new { referral.Id }));

    public Task<int> BonusAsync(Account account) =>
        _services.Store.ReadAsync(c => c.ExecuteScalarAsync<int>("SELECT bonus_tokens FROM accounts WHERE id = @Id", new { account.Id }));

    public Task CreatePromoAsync(string code, int tokens, int maxUses, TimeSpan valid) =>
        _services.Store.WriteAsync((c, t) => PromoCodes.CreateAsync(c, t, code, tokens, maxUses, (_h.Clock.GetUtcNow() + valid).ToUnixTimeMilliseconds(), 1, _h.Clock.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None));
}
