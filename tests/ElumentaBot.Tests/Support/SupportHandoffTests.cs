using System.Text.RegularExpressions;
using Dapper;
using Elumenta.Core.Support;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Payments;

namespace ElumentaBot.Tests.Support;

public sealed partial class SupportHandoffTests
{
    private const long User = 9_876_543_210;

    [Theory]
    [InlineData("/support", TicketReason.General, "🆘 Support")]
    [InlineData("/paysupport", TicketReason.Payment, "💳 Payment support")]
    public async Task A_support_command_creates_a_ticket_and_links_to_the_support_bot_with_an_opaque_code(string command, string reason, string heading)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await h.PayAsync(User, PaymentHarness.Payload(await h.OrderPackageAsync(User, "start")), 140, "charge-support");

        h.Fake.SendText(User, command, firstName: "Ivanov");
        var message = (await h.WaitForMessagesAsync(User, 2))[1];

        Assert.StartsWith(heading, message.String("text"), StringComparison.Ordinal);
        var code = CodeOf(message);
        Assert.Matches(Payload(), code);
        // "t_" and 16 random bytes in base64url: no room for the account, the user or the ticket's number.
        Assert.Matches("^t_[A-Za-z0-9_-]{22}$", code);
        Assert.DoesNotContain(User.ToString(System.Globalization.CultureInfo.InvariantCulture), code, StringComparison.Ordinal);
        Assert.DoesNotContain("Ivanov", code, StringComparison.OrdinalIgnoreCase);
        var account = (await h.AccountAsync(User))!;

        var ticket = (await h.Get<SupportTickets>().FindAsync(code))!;
        Assert.Equal((account.Id, User, reason, (long?)null), (ticket.AccountId, ticket.TelegramUserId, ticket.Reason, ticket.GenerationId));
        Assert.Equal(100, ticket.Context.BonusTokens);
        Assert.Equal("charge-support", Assert.Single(ticket.Context.LastPayments).ChargeId);
        Assert.Equal(ticket.CreatedAt + TimeSpan.FromDays(7), ticket.ExpiresAt);
    }

    [Fact]
    public async Task The_support_button_on_a_failure_creates_a_failed_generation_ticket_with_that_generation()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var account = (await h.Get<Elumenta.Core.Accounts.AccountService>().GetOrCreateAsync(new(User, "ivan", "Ivan", "ru"))).Account;
        var generationId = await FailedGenerationAsync(h, account.Id);

        h.Fake.SendCallbackQuery(User, "sup:gen:" + generationId);
        var message = (await h.WaitForMessagesAsync(User, 1))[0];

        Assert.Contains($"request #{generationId}", message.String("text"), StringComparison.Ordinal);
        var ticket = (await h.Get<SupportTickets>().FindAsync(CodeOf(message)))!;
        Assert.Equal((TicketReason.FailedGeneration, (long?)generationId), (ticket.Reason, ticket.GenerationId));
        var failed = Assert.Single(ticket.Context.LastGenerations);
        Assert.Equal(("failed", "provider_error", "upstream 500"), (failed.Status, failed.ErrorKind, failed.Error));
        Assert.Null(h.Fake.CallsTo("answerCallbackQuery").Single().String("text"));
    }

    [Fact]
    public async Task A_forged_support_button_for_someone_elses_generation_creates_no_ticket()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var other = (await h.Get<Elumenta.Core.Accounts.AccountService>().GetOrCreateAsync(new(User + 1, null, "Other", "en"))).Account;
        var generationId = await FailedGenerationAsync(h, other.Id);

        await h.WaitHandledAsync(h.Fake.SendCallbackQuery(User, "sup:gen:" + generationId), h.Fake.SendCallbackQuery(User, "sup:gen:abc"));

        Assert.All(h.Fake.CallsTo("answerCallbackQuery"), a => Assert.Equal("That request was not found. Use /support to contact us.", a.String("text")));
        Assert.Equal(0, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM support_tickets"));
        Assert.Empty(h.Messages(User));
    }

    [Fact]
    public async Task The_open_and_payment_buttons_create_general_and_payment_tickets()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);

        await h.WaitHandledAsync(h.Fake.SendCallbackQuery(User, "sup:open"), h.Fake.SendCallbackQuery(User, "sup:pay"));

        var reasons = await h.Bot.Store.ReadAsync(async c => (await c.QueryAsync<string>("SELECT reason FROM support_tickets ORDER BY reason")).ToList());
        Assert.Equal([TicketReason.General, TicketReason.Payment], reasons);
        Assert.Equal(2, h.Messages(User).Count);
    }

    private static Task<long> FailedGenerationAsync(PaymentHarness h, long accountId) =>
        h.Bot.Store.WriteAsync((c, t) => c.ExecuteScalarAsync<long>(
            """
            INSERT INTO generations (account_id, model_slug, category, status, price, error_kind, error, created_at)
            VALUES (@accountId, 'gpt-5', 'text', 'failed', 1, 'provider_error', 'upstream 500', 0) RETURNING id
            """, new { accountId }, t));

    private static string CodeOf(FakeCall message)
    {
        var url = message.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!["url"]!.ToString();
        Assert.StartsWith("https://t.me/ElumentaSupportBot?start=", url, StringComparison.Ordinal);
        return url["https://t.me/ElumentaSupportBot?start=".Length..];
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Payload();
}
