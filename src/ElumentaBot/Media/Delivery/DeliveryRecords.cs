using Dapper;
using Elumenta.Core.Storage;

namespace ElumentaBot.Media.Delivery;

/// <summary>
/// The two delivery writes <c>GenerationStore</c> does not offer: the Telegram file id learnt after the send (the
/// claim came first), and giving a claim back when the send failed so a later attempt can deliver.
/// </summary>
public sealed class DeliveryRecords(Store store)
{
    public Task SetFileIdAsync(long generationId, string fileId, CancellationToken ct) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE generations SET result_file_id = @fileId WHERE id = @generationId",
            new { generationId, fileId }, t, cancellationToken: ct)), ct);

    public Task ReleaseClaimAsync(long generationId, CancellationToken ct) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE generations SET delivered_at = NULL WHERE id = @generationId AND result_file_id IS NULL",
            new { generationId }, t, cancellationToken: ct)), ct);
}
