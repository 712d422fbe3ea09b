-- Chat conversations: one current conversation per Telegram chat (the newest row), /new starts another.
-- Messages keep the user turn from admission on (Retry re-runs it); the assistant turn only on success.
CREATE TABLE chat_conversations (
    id                INTEGER PRIMARY KEY,
    chat_id           INTEGER NOT NULL,
    trim_notice_shown INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL
);
CREATE INDEX chat_conversations_chat ON chat_conversations (chat_id, id DESC);

CREATE TABLE chat_messages (
    id              INTEGER PRIMARY KEY,
    chat_id         INTEGER NOT NULL,
    conversation_id INTEGER NOT NULL REFERENCES chat_conversations (id),
    role            TEXT    NOT NULL CHECK (role IN ('user', 'assistant')),
    text            TEXT    NOT NULL,
    model           TEXT    NOT NULL,
    -- The generation this turn belongs to; a user turn's id moves to the new generation on Retry.
    generation_id   INTEGER,
    -- A photo or voice message the turn came from (Telegram file id), so Retry can fetch it again.
    media_kind      TEXT    CHECK (media_kind IN ('photo', 'voice')),
    file_id         TEXT,
    created_at      INTEGER NOT NULL
);
CREATE INDEX chat_messages_conversation ON chat_messages (conversation_id, id);
CREATE INDEX chat_messages_generation ON chat_messages (generation_id) WHERE generation_id IS NOT NULL;
