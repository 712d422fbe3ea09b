using System.Text.RegularExpressions;
using Elumenta.Core.Generations;
using Elumenta.Core.Payments;
using Elumenta.Core.Support;
using Elumenta.Core.Tests.Payments;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Support;

public sealed partial class SupportTicketTests
{
    [Fact]
    public async Task A_ticket_code_is_a_valid_deep_link_payload_without_personal_data_and_resolves_to_the_context()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var account = await h.NewAccountAsync(telegramUserId: 123456789);
        var order = (await kit.Orders.CreateAsync(account.Id, OrderKind.Package, "light"))!;
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(123456789, order, "pay-ctx"));
        long failed = 0;
        for (var i = 0; i < 6; i++)
        {
            var admitted = (AdmissionResult.Admitted)await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "gemini-2.5-flash") { Prompt = "p" });
            failed = admitted.GenerationId;
            h.Clock.Advance(TimeSpan.FromMinutes(20));
        }

        await h.Main.Generations.FailAsync(failed, "unavailable", "OpenAI returned 503");
        var tickets = new SupportTickets(h.Main.Store, h.Main.Accounts, h.Main.Limits, h.Main.Generations, kit.Payments, h.Clock);

        var ticket = await tickets.CreateAsync(account.Id, TicketReason.FailedGeneration, failed);

        Assert.Matches(DeepLinkPayload(), ticket.Code);
        Assert.DoesNotContain("123456789", ticket.Code, StringComparison.Ordinal);
        // Nothing but the 22 base64url characters of 16 random bytes follows "t_": no room for the account's id.
        // (Checking that the code does not contain "1_", the id and a separator, failed whenever chance put them there.)
        Assert.Matches("^t_[A-Za-z0-9_-]{22}$", ticket.Code);
        var found = (await tickets.FindAsync(ticket.Code))!;
        Assert.Equal(123456789, found.TelegramUserId);
        Assert.Equal(TicketReason.FailedGeneration, found.Reason);
        Assert.Equal(failed, found.GenerationId);
        Assert.Equal("free", found.Context.Plan);
        Assert.Equal(150 - 5, found.Context.BonusTokens);
        Assert.Equal(5, found.Context.LastGenerations.Count);
        Assert.Equal(("failed", "unavailable"), (found.Context.LastGenerations[0].Status, found.Context.LastGenerations[0].ErrorKind));
        Assert.Equal("pay-ctx", Assert.Single(found.Context.LastPayments).ChargeId);
    }

    [Fact]
    public async Task A_ticket_expires_after_seven_days_and_codes_never_repeat()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var account = await h.NewAccountAsync();
        var tickets = new SupportTickets(h.Main.Store, h.Main.Accounts, h.Main.Limits, h.Main.Generations, kit.Payments, h.Clock);

        var codes = new HashSet<string>();
        for (var i = 0; i < 50; i++)
        {
            Assert.True(codes.Add((await tickets.CreateAsync(account.Id, TicketReason.General)).Code));
        }

        var ticket = await tickets.CreateAsync(account.Id, TicketReason.Payment);
        Assert.True(await tickets.ResolveAsync(ticket.Code));
        Assert.False(await tickets.ResolveAsync(ticket.Code));
        h.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await tickets.FindAsync(ticket.Code));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await tickets.FindAsync(ticket.Code));
        Assert.Null(await tickets.FindAsync("t_doesnotexist"));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex DeepLinkPayload();
}
