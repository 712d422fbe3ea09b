-- Support handoff: an opaque code in a deep link, the context frozen when the user asked for help.
CREATE TABLE support_tickets (
    code         TEXT    PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    reason       TEXT    NOT NULL CHECK (reason IN ('general', 'payment', 'failed_generation')),
    generation_id INTEGER,
    context      TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    resolved_at  INTEGER
);
CREATE INDEX support_tickets_account ON support_tickets (account_id, created_at DESC);
