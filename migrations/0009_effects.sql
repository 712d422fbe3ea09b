-- Idempotency keys: a handler that writes records its key (an update id, a callback query id, a charge id, an
-- API Idempotency-Key) in the same transaction as the effect, with the result its reply is made from, so a
-- retried update or request re-sends that reply instead of doing the effect again.

CREATE TABLE effects (
    key        TEXT    PRIMARY KEY,
    result     TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX effects_created ON effects (created_at);
