-- Broadcasts survive a restart or a killed instance: queued in the admin command's transaction, sent by the holder of
-- the "broadcast" lease, resumed after the last recipient it reached (cursor = that account id).
CREATE TABLE broadcasts (
    id            INTEGER PRIMARY KEY,
    effect_key    TEXT    NOT NULL UNIQUE,
    admin_id      INTEGER NOT NULL,
    admin_chat_id INTEGER NOT NULL,
    language      TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
    recipients    INTEGER,
    last_account  INTEGER,
    skipped       INTEGER NOT NULL DEFAULT 0,
    sent          INTEGER NOT NULL DEFAULT 0,
    failed        INTEGER NOT NULL DEFAULT 0,
    processed     INTEGER NOT NULL DEFAULT 0,
    cursor        INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    finished_at   INTEGER
);
CREATE INDEX broadcasts_pending ON broadcasts (id) WHERE status = 'pending';
