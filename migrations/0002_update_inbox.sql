-- Every update Telegram delivers is stored here before the next getUpdates confirms it, and
-- handled from here: a crash or restart resumes the pending rows; a redelivered update_id is ignored.

CREATE TABLE update_inbox (
    update_id   INTEGER PRIMARY KEY,
    chat_key    INTEGER,
    kind        TEXT    NOT NULL,
    raw         TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    handled_at  INTEGER,
    error       TEXT
);
CREATE INDEX update_inbox_pending ON update_inbox (update_id) WHERE status = 'pending';
CREATE INDEX update_inbox_handled ON update_inbox (handled_at) WHERE status <> 'pending';

-- The getUpdates offset (highest stored update_id + 1), kept apart so pruning the inbox never loses it.
CREATE TABLE polling_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    next_offset INTEGER NOT NULL
);
