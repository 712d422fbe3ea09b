using System.Text.Json.Nodes;

namespace ElumentaBot.Sandbox;

/// <summary>Paying in the sandbox: a Pay button on an invoice, or a subscription link, runs pre-checkout and the payment.</summary>
internal sealed partial class SandboxTerminal
{
    private void ShowPayButton(JsonObject invoice)
    {
        _inline.Clear();
        _inline.Add(new SandboxButton($"Pay {SandboxRender.Stars(invoice)} ⭐ (sandbox Stars)", null, null, invoice));
        ShowInline();
    }

    private async Task PayAsync(JsonObject invoice, CancellationToken ct)
    {
        var payload = invoice["payload"]?.ToString() ?? "";
        var amount = SandboxRender.Stars(invoice);
        var subscription = invoice["subscription_period"] is not null;
        output.WriteLine($"  (paying {amount} sandbox Stars)");
        var answered = bot.CallsTo("answerPreCheckoutQuery").Count;
        bot.SendPreCheckoutQuery(SandboxRunner.UserId, payload, amount);
        var answers = await bot.WaitForCallsAsync("answerPreCheckoutQuery", answered + 1, TimeSpan.FromSeconds(10)).WaitAsync(ct);
        if (answers.Count > answered && answers[answered].Flag("ok"))
        {
            bot.SendSuccessfulPayment(SandboxRunner.UserId, payload, amount, $"sandbox_{Guid.NewGuid():N}", subscription, subscription);
        }
    }
}
