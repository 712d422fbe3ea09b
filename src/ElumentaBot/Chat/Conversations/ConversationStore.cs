using System.Data.Common;
using Dapper;
using Elumenta.Core.Storage;

namespace ElumentaBot.Chat.Conversations;

/// <summary>A stored turn of a chat conversation.</summary>
public sealed class StoredMessage
{
    public long Id { get; init; }
    public long ChatId { get; init; }
    public long ConversationId { get; init; }
    public string Role { get; init; } = ConversationStore.User;
    public string Text { get; init; } = "";
    public string Model { get; init; } = "";
    public long? GenerationId { get; init; }
    public string? MediaKind { get; init; }
    public string? FileId { get; init; }
}

/// <summary>
/// Conversations per Telegram chat in the shared store, so they survive restarts. The current conversation is
/// the chat's newest <c>chat_conversations</c> row; <c>/new</c> adds one.
/// </summary>
public sealed class ConversationStore(Store store, TimeProvider clock)
{
    public const string User = "user";
    public const string Assistant = "assistant";

    /// <summary>The chat's current conversation, created on first use.</summary>
    public Task<long> CurrentAsync(long chatId, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) =>
            await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT id FROM chat_conversations WHERE chat_id = @chatId ORDER BY id DESC LIMIT 1", new { chatId }, t, cancellationToken: ct))
            ?? await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO chat_conversations (chat_id, created_at) VALUES (@chatId, @now) RETURNING id",
                new { chatId, now = clock.NowMs() }, t, cancellationToken: ct)), ct);

    public Task<long> StartNewAsync(long chatId, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => StartNewAsync(c, t, chatId, ct), ct);

    /// <summary>Inside the caller's transaction (an effect recorded with its idempotency key).</summary>
    public Task<long> StartNewAsync(DbConnection connection, DbTransaction transaction, long chatId, CancellationToken ct = default) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO chat_conversations (chat_id, created_at) VALUES (@chatId, @now) RETURNING id",
            new { chatId, now = clock.NowMs() }, transaction, cancellationToken: ct));

    /// <summary>Appends a turn to a conversation and returns it.</summary>
    public Task<StoredMessage> AppendAsync(long chatId, long conversationId, string role, string text, string model, long? generationId,
        string? mediaKind = null, string? fileId = null, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.QuerySingleAsync<StoredMessage>(new CommandDefinition(
            """
            INSERT INTO chat_messages (chat_id, conversation_id, role, text, model, generation_id, media_kind, file_id, created_at)
            VALUES (@chatId, @conversationId, @role, @text, @model, @generationId, @mediaKind, @fileId, @now)
            RETURNING id AS Id, chat_id AS ChatId, conversation_id AS ConversationId, role AS Role, text AS Text, model AS Model,
                      generation_id AS GenerationId, media_kind AS MediaKind, file_id AS FileId
            """,
            new { chatId, conversationId, role, text, model, generationId, mediaKind, fileId, now = clock.NowMs() }, t, cancellationToken: ct)), ct);

    /// <summary>
    /// Takes the user turn of a failed generation for a retry: its generation id is cleared in the same statement,
    /// so a second tap on the same Retry button finds nothing.
    /// </summary>
    public Task<StoredMessage?> ClaimForRetryAsync(long chatId, long generationId, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.QuerySingleOrDefaultAsync<StoredMessage>(new CommandDefinition(
            """
            UPDATE chat_messages SET generation_id = NULL
            WHERE chat_id = @chatId AND generation_id = @generationId AND role = 'user'
            RETURNING id AS Id, chat_id AS ChatId, conversation_id AS ConversationId, role AS Role, text AS Text, model AS Model,
                      generation_id AS GenerationId, media_kind AS MediaKind, file_id AS FileId
            """,
            new { chatId, generationId }, t, cancellationToken: ct)), ct);

    public Task UpdateTurnAsync(long messageId, string text, long? generationId, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE chat_messages SET text = @text, generation_id = COALESCE(@generationId, generation_id) WHERE id = @messageId",
            new { messageId, text, generationId }, t, cancellationToken: ct)), ct);

    /// <summary>The conversation's turns up to and including <paramref name="lastMessageId"/>, newest first.</summary>
    public async Task<IReadOnlyList<StoredMessage>> NewestFirstAsync(long conversationId, long lastMessageId, int limit, CancellationToken ct = default) =>
        (await store.ReadAsync(c => c.QueryAsync<StoredMessage>(new CommandDefinition(
            """
            SELECT id AS Id, chat_id AS ChatId, conversation_id AS ConversationId, role AS Role, text AS Text, model AS Model,
                   generation_id AS GenerationId, media_kind AS MediaKind, file_id AS FileId
            FROM chat_messages WHERE conversation_id = @conversationId AND id <= @lastMessageId
            ORDER BY id DESC LIMIT @limit
            """,
            new { conversationId, lastMessageId, limit }, cancellationToken: ct)), ct)).ToList();

    /// <summary>True exactly once per conversation: the caller shows the "history was trimmed" notice.</summary>
    public Task<bool> ClaimTrimNoticeAsync(long conversationId, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) => await c.ExecuteAsync(new CommandDefinition(
            "UPDATE chat_conversations SET trim_notice_shown = 1 WHERE id = @conversationId AND trim_notice_shown = 0",
            new { conversationId }, t, cancellationToken: ct)) == 1, ct);
}
