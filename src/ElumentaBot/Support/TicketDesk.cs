using System.Text.Json.Serialization;
using Elumenta.Core.Storage;
using Elumenta.Core.Support;

namespace ElumentaBot.Support;

/// <summary>A ticket as the user's reply needs it: stored with the idempotency key, so a retry shows the same ticket.</summary>
public sealed record TicketOpened(string Code, string Reason, long? GenerationId);

/// <summary>Opens a support ticket once per key (an update, a button press, a charge): a retry gets the ticket it already made.</summary>
public sealed class TicketDesk(SupportTickets tickets, Effects effects)
{
    public async Task<TicketOpened> OpenOnceAsync(string key, long accountId, string reason, long? generationId, CancellationToken ct)
    {
        var ticket = await tickets.PrepareAsync(accountId, reason, generationId, ct);
        var once = await effects.RunOnceAsync(key, SupportJson.Default.TicketOpened, async (c, t) =>
        {
            await SupportTickets.InsertAsync(c, t, ticket, ct);
            return new TicketOpened(ticket.Code, ticket.Reason, ticket.GenerationId);
        }, ct);
        return once.Value;
    }
}

[JsonSerializable(typeof(TicketOpened))]
internal sealed partial class SupportJson : JsonSerializerContext;
