-- migration: foreign_keys off
-- The REST API (api.md §1): an account may sign up by email and have no Telegram identity until it links one,
-- so telegram_user_id becomes nullable (still unique). SQLite cannot drop NOT NULL in place: the table is
-- rebuilt (sqlite.org/lang_altertable.html, "making other kinds of table schema changes"), with foreign keys
-- off for this migration only and checked before it commits. session_version ends every web session at once
-- (password reset): access tokens carry it and stop working when it moves.
DROP TRIGGER ledger_moves_pool;

CREATE TABLE accounts_new (
    id                    INTEGER PRIMARY KEY,
    telegram_user_id      INTEGER UNIQUE,
    username              TEXT,
    first_name            TEXT,
    language              TEXT    NOT NULL DEFAULT 'en' CHECK (language IN ('ru', 'en')),
    language_overridden   INTEGER NOT NULL DEFAULT 0,
    plan                  TEXT    NOT NULL DEFAULT 'free',
    plan_period_end       INTEGER,
    cycle_id              INTEGER,
    plan_tokens           INTEGER NOT NULL DEFAULT 0 CHECK (plan_tokens >= 0),
    bonus_tokens          INTEGER NOT NULL DEFAULT 0 CHECK (bonus_tokens >= 0),
    settings              TEXT    NOT NULL DEFAULT '{}',
    notifications_enabled INTEGER NOT NULL DEFAULT 1,
    blocked_by_user       INTEGER NOT NULL DEFAULT 0,
    banned                INTEGER NOT NULL DEFAULT 0,
    start_payload         TEXT,
    created_at            INTEGER NOT NULL,
    last_seen_at          INTEGER,
    session_version       INTEGER NOT NULL DEFAULT 0
);
INSERT INTO accounts_new (id, telegram_user_id, username, first_name, language, language_overridden, plan, plan_period_end, cycle_id, plan_tokens, bonus_tokens, settings, notifications_enabled, blocked_by_user, banned, start_payload, created_at, last_seen_at)
SELECT id, telegram_user_id, username, first_name, language, language_overridden, plan, plan_period_end, cycle_id, plan_tokens, bonus_tokens, settings, notifications_enabled, blocked_by_user, banned, start_payload, created_at, last_seen_at FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_new RENAME TO accounts;
CREATE INDEX accounts_username ON accounts (username COLLATE NOCASE);

CREATE TRIGGER ledger_moves_pool AFTER INSERT ON ledger WHEN NEW.amount <> 0
BEGIN
    UPDATE accounts
    SET plan_tokens  = plan_tokens  + CASE WHEN NEW.pool = 'plan'  THEN NEW.amount ELSE 0 END,
        bonus_tokens = bonus_tokens + CASE WHEN NEW.pool = 'bonus' THEN NEW.amount ELSE 0 END
    WHERE id = NEW.account_id;
END;

-- Email sign-in: the address (stored lower-case), a PasswordHasher hash, and when it was verified.
CREATE TABLE email_logins (
    account_id    INTEGER PRIMARY KEY REFERENCES accounts (id),
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    verified_at   INTEGER,
    created_at    INTEGER NOT NULL
);

-- One-time tokens sent by mail (verify the address, reset the password): only their SHA-256 is kept.
CREATE TABLE mail_tokens (
    token_hash TEXT    PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    purpose    TEXT    NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX mail_tokens_account ON mail_tokens (account_id, purpose);

-- Web-session refresh tokens, rotated on every use. A family is one sign-in; presenting a token that was
-- already used revokes the whole family (the token leaked). Only their SHA-256 is kept.
CREATE TABLE refresh_tokens (
    token_hash TEXT    PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    family     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    revoked_at INTEGER
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family);
CREATE INDEX refresh_tokens_account ON refresh_tokens (account_id);

-- Idempotency-Key on POST /api/v2/generate: the first answer is kept and returned to every retry. The row is
-- written in the admission's transaction, so a retry can never admit (or charge) a second generation.
CREATE TABLE api_idempotency (
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    idempotency_key TEXT    NOT NULL,
    request_hash    TEXT    NOT NULL,
    generation_id   INTEGER REFERENCES generations (id),
    status_code     INTEGER,
    response        TEXT,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
);
