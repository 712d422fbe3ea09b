using System.Security.Cryptography;
using Dapper;
using Elumenta.Core.Storage;

namespace ElumentaBot.InlineMode;

/// <summary>Full texts of inline answers cut to fit one message, behind an opaque deep-link token only their owner can open.</summary>
public sealed class InlineAnswers(Store store, TimeProvider time)
{
    /// <summary>The deep-link payload is <c>answer-&lt;token&gt;</c> (29 characters, within Telegram's 64).</summary>
    public const string PayloadPrefix = "answer";

    /// <summary>Stores the full answer of a generation (once; a second call returns the first token).</summary>
    public Task<string> SaveAsync(long accountId, long generationId, string text, CancellationToken ct) =>
        store.WriteAsync(async (c, t) => await c.ExecuteScalarAsync<string>(new CommandDefinition(
            """
            INSERT INTO inline_answers (token, account_id, generation_id, text, created_at)
            VALUES (@token, @accountId, @generationId, @text, @now)
            ON CONFLICT (generation_id) DO UPDATE SET generation_id = excluded.generation_id
            RETURNING token
            """,
            new { token = NewToken(), accountId, generationId, text, now = time.NowMs() }, t, cancellationToken: ct)) ?? "", ct);

    /// <summary>The full text, or null when the token is unknown or belongs to another account.</summary>
    public Task<string?> FindAsync(string token, long accountId, CancellationToken ct) =>
        store.ReadAsync(c => c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT text FROM inline_answers WHERE token = @token AND account_id = @accountId",
            new { token, accountId }, cancellationToken: ct)), ct);

    public static string Payload(string token) => PayloadPrefix + "-" + token;

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
