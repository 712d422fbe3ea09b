-- Inline mode: answers too long for the inline message. The message ends with a button to the private chat,
-- `?start=answer-<token>`; /start with that payload sends the full text, to the owner only. The token is random
-- (no ids in it). Exactly-once admission of a chosen inline result is the admission's own idempotency key
-- (`inline:<inline_message_id>` in api_idempotency), written in the admission transaction.
CREATE TABLE inline_answers (
    token         TEXT    PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    generation_id INTEGER NOT NULL UNIQUE REFERENCES generations (id),
    text          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);

-- An inline answer cut off by a restart is released by chat recovery; its message is told so once (the row marks it).
CREATE TABLE inline_notices (
    generation_id INTEGER PRIMARY KEY REFERENCES generations (id),
    created_at    INTEGER NOT NULL
);
