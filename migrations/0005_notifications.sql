-- Once-per-cycle notices (plan reminders, low balance): a row claims the notice before it is sent.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    kind       TEXT    NOT NULL,
    cycle_id   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (account_id, kind, cycle_id)
);
