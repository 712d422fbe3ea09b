-- Several instances on one database (PostgreSQL scale-out). Each process has a row it refreshes; one whose
-- heartbeat is older than Coordination:LeaseSeconds is dead, and its work is taken over by a survivor.
CREATE TABLE instances (
    id           TEXT    PRIMARY KEY,
    program      TEXT    NOT NULL,
    started_at   INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL
);

-- Singletons (scheduler, long polling, recovery sweeps): only the holder of the named lease runs them.
CREATE TABLE leases (
    name       TEXT    PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);

-- Per-chat order across instances: only the holder handles a chat's pending updates, in update_id order.
CREATE TABLE chat_claims (
    chat_key   INTEGER PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);

-- Fast-lane updates (no chat order) are claimed one by one.
ALTER TABLE update_inbox ADD COLUMN holder TEXT;
ALTER TABLE update_inbox ADD COLUMN claim_until INTEGER;

-- The admitting instance (recovery acts only on a dead one's work) and the poll lease of an async job.
ALTER TABLE generations ADD COLUMN instance_id TEXT;
ALTER TABLE generations ADD COLUMN poll_holder TEXT;
ALTER TABLE generations ADD COLUMN poll_lease_until INTEGER;
