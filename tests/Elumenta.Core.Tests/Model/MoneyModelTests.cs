using System.Globalization;
using CsCheck;
using Dapper;
using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Limits;
using Elumenta.Core.Payments;
using Elumenta.Core.Tests.Payments;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Model;

/// <summary>
/// Long random sequences of what users, payments, admins and time do to the money, against the real store,
/// some steps concurrent, with the invariants checked after every step: each pool equals its ledger, no pool is
/// negative, no admission beyond either window's limit, a charge is credited at most once, a refunded package
/// leaves none of its tokens. CsCheck shrinks a failing sequence and prints it.
/// CI runs a bounded number of sequences; <c>ELUMENTA_MODEL_SEQUENCES=500</c> runs a longer search (README).
/// </summary>
public sealed class MoneyModelTests
{
    private static readonly string[] Slugs = ["gemini-2.5-flash", "dall-e-3", "gpt-5-nano", "flux-1.1-pro", "gpt-5"];
    private static readonly string[] PaidPlans = ["basic", "pro"];

    public enum Kind { Admit, Settle, BuyPackage, RedeliverPayment, BuyPlan, Renew, Refund, AdminGrant, AdminRevoke, Advance, AdmitConcurrently }

    public sealed record Step(Kind Kind, int Account, int Arg)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind}(a{Account}, {Arg})");
    }

    private static readonly Gen<Step> StepGen =
        Gen.Select(Gen.Enum<Kind>(), Gen.Int[0, 2], Gen.Int[0, 9], (k, a, arg) => new Step(k, a, arg));

    private static int Sequences => int.TryParse(Environment.GetEnvironmentVariable("ELUMENTA_MODEL_SEQUENCES"), out var n) ? n : 40;

    [Fact]
    public Task Random_sequences_keep_the_books_the_limits_and_the_payments_exact() =>
        StepGen.Array[5, 40].SampleAsync(async steps =>
        {
            await using var h = await CoreHarness.StartAsync();
            var world = await World.StartAsync(h);
            foreach (var step in steps)
            {
                await world.RunAsync(step);
                await world.CheckAsync(step);
            }
        }, iter: Sequences, threads: 1);

    private sealed record RefundWatch(string Charge, long Account, int Credited, int BonusBefore, List<long> Pending)
    {
        public bool Exclusive { get; set; }
    }

    private sealed class World(CoreHarness h, PaymentTestKit kit, long[] accounts, long[] telegramIds)
    {
        private readonly List<(string Charge, long Account, Order Order)> _payments = [];
        private readonly List<RefundWatch> _refunds = [];
        private int _charges;

        public static async Task<World> StartAsync(CoreHarness h)
        {
            var telegram = new long[] { 7001, 7002, 7003 };
            var ids = new long[telegram.Length];
            for (var i = 0; i < telegram.Length; i++)
            {
                ids[i] = (await h.NewAccountAsync(telegram[i])).Id;
            }

            return new World(h, new PaymentTestKit(h, h.Main), ids, telegram);
        }

        public async Task RunAsync(Step step)
        {
            var account = accounts[step.Account];
            switch (step.Kind)
            {
                case Kind.Admit:
                    await AdmitCheckedAsync(account, Slugs[step.Arg % Slugs.Length]);
                    break;
                case Kind.AdmitConcurrently:
                    var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => h.Main.Admission.AdmitAsync(
                        new AdmissionRequest(account, Slugs[(step.Arg + i) % 2]) { Prompt = "p" }))));
                    if (results.Any(r => r is AdmissionResult.Admitted))
                    {
                        await AssertWithinLimitsAsync(account);
                    }

                    break;
                case Kind.Settle:
                    var pending = await h.Main.Store.ReadAsync(c => c.QueryAsync<long>(
                        "SELECT id FROM generations WHERE account_id = @account AND status = 'pending' ORDER BY id", new { account }));
                    if (pending.ElementAtOrDefault(step.Arg % 3) is var id and > 0)
                    {
                        _ = (step.Arg % 3) switch
                        {
                            0 => await h.Main.Generations.CompleteAsync(id, new GenerationResult { Url = "https://example.com/r.png" }),
                            1 => await h.Main.Generations.FailAsync(id, "unavailable", "model"),
                            _ => await h.Main.Generations.FailAsync(id, "canceled", "/cancel", canceled: true),
                        };
                    }

                    break;
                case Kind.BuyPackage:
                    await PayAsync(step.Account, (await kit.Orders.CreateAsync(account, OrderKind.Package, step.Arg % 2 == 0 ? "light" : "standard"))!, recurring: false);
                    break;
                case Kind.BuyPlan:
                    await PayAsync(step.Account, (await kit.Orders.CreateAsync(account, OrderKind.Plan, PaidPlans[step.Arg % 2]))!, recurring: true);
                    break;
                case Kind.Renew when _payments.LastOrDefault(p => p.Account == account && p.Order.Kind == OrderKind.Plan) is { Order: { } order }:
                    await kit.Payments.FulfilAsync(PaymentTestKit.Paid(telegramIds[step.Account], order, $"charge-{++_charges}", recurring: true));
                    break;
                case Kind.RedeliverPayment when _payments.Count > 0:
                    var again = _payments[step.Arg % _payments.Count];
                    await kit.Payments.FulfilAsync(PaymentTestKit.Paid(telegramIds[Array.IndexOf(accounts, again.Account)], again.Order, again.Charge));
                    break;
                case Kind.Refund when _payments.Count > 0:
                    await RefundCheckedAsync(_payments[step.Arg % _payments.Count]);
                    break;
                case Kind.AdminGrant:
                    await h.Main.Billing.AdminGrantAsync(account, step.Arg + 1, adminId: 1);
                    break;
                case Kind.AdminRevoke when (await h.Main.Accounts.FindAsync(account))!.BonusTokens is var bonus and > 0:
                    // Down to a few tokens: refunds then meet packages partly held by pending requests.
                    await h.Main.Billing.AdminRevokeAsync(account, Math.Max(1, bonus - step.Arg), adminId: 1);
                    break;
                case Kind.Advance:
                    h.Clock.Advance(step.Arg == 9 ? TimeSpan.FromDays(31) : TimeSpan.FromMinutes(step.Arg * 9));
                    await h.Main.Billing.ExpireDueAsync();
                    break;
            }
        }

        private async Task PayAsync(int index, Order order, bool recurring)
        {
            var charge = $"charge-{++_charges}";
            await kit.Payments.FulfilAsync(PaymentTestKit.Paid(telegramIds[index], order, charge, recurring, first: recurring));
            _payments.Add((charge, accounts[index], order));
        }

        private async Task AdmitCheckedAsync(long account, string slug)
        {
            if (await h.Main.Admission.AdmitAsync(new AdmissionRequest(account, slug) { Prompt = "p" }) is AdmissionResult.Admitted)
            {
                await AssertWithinLimitsAsync(account);
            }
        }

        /// <summary>After an admission, neither window holds more than the plan allows (each admission saw room).</summary>
        private async Task AssertWithinLimitsAsync(long account)
        {
            var status = await h.Main.Limits.GetStatusAsync(account);
            Assert.True(status.HourLimit is null || status.HourUsed <= status.HourLimit, $"hour window over its limit: {status}");
            Assert.True(status.DayLimit is null || status.DayUsed <= status.DayLimit, $"day window over its limit: {status}");
        }

        private async Task RefundCheckedAsync((string Charge, long Account, Order Order) payment)
        {
            var before = (await h.Main.Accounts.FindAsync(payment.Account))!.BonusTokens;
            var pending = (await h.Main.Store.ReadAsync(c => c.QueryAsync<long>(
                "SELECT id FROM generations WHERE account_id = @Account AND status = 'pending' AND reserved_bonus > 0", new { payment.Account }))).ToList();
            var result = await kit.Payments.RecordRefundAsync(payment.Charge);
            if (result is RefundResult.Refunded { Payment.Kind: OrderKind.Package } refunded)
            {
                var after = (await h.Main.Accounts.FindAsync(payment.Account))!.BonusTokens;
                Assert.Equal(Math.Max(0, before - refunded.Payment.TokensCredited), after);
                // Two refunds competing for the same pending requests are checked by the books only.
                var overlapping = _refunds.Where(r => r.Account == payment.Account && r.Pending.Count > 0).ToList();
                overlapping.ForEach(r => r.Exclusive = false);
                _refunds.Add(new RefundWatch(payment.Charge, payment.Account, refunded.Payment.TokensCredited, before, pending) { Exclusive = overlapping.Count == 0 });
            }
        }

        /// <summary>
        /// Once every request that was pending at a refund has settled, the refund holds exactly what the package
        /// could give back: all of it, or what was in the pool plus what those requests released.
        /// </summary>
        private async Task CheckRefundsAsync(Step step)
        {
            foreach (var watch in _refunds.Where(r => r.Exclusive))
            {
                var states = (await h.Main.Store.ReadAsync(c => c.QueryAsync<(long Id, string Status, int ReservedBonus)>(
                    $"SELECT id, status, reserved_bonus FROM generations WHERE id IN ({string.Join(", ", watch.Pending.DefaultIfEmpty(-1))})"))).ToList();
                if (states.Any(g => g.Status == GenerationStatus.Pending))
                {
                    continue;
                }

                var released = states.Where(g => g.Status is GenerationStatus.Failed or GenerationStatus.Canceled).Sum(g => g.ReservedBonus);
                var refunded = await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<int>(
                    "SELECT COALESCE(-SUM(amount), 0) FROM ledger WHERE kind = 'refund' AND payment_charge_id = @Charge", new { watch.Charge }));
                Assert.True(refunded == Math.Min(watch.Credited, watch.BonusBefore + released),
                    $"refund {watch.Charge} holds {refunded}, expected min({watch.Credited}, {watch.BonusBefore} + {released} released) after {step}");
            }
        }

        public async Task CheckAsync(Step step)
        {
            await h.AssertBooksBalanceAsync();
            await CheckRefundsAsync(step);
            var negative = await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM accounts WHERE plan_tokens < 0 OR bonus_tokens < 0"));
            Assert.True(negative == 0, $"a pool went negative after {step}");
            var twice = await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<int>(
                """
                SELECT COUNT(*) FROM (SELECT payment_charge_id FROM ledger WHERE kind IN ('package_purchase', 'cycle_grant') AND payment_charge_id IS NOT NULL
                GROUP BY payment_charge_id HAVING COUNT(*) > 1) AS twice
                """));
            Assert.True(twice == 0, $"a charge was credited twice after {step}");
        }
    }
}
