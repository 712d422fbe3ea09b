-- Accounts, pools, ledger, plan cycles, rate-limit events and generations.
-- Every timestamp is Unix milliseconds. Pools are columns on accounts; the ledger proves them.

CREATE TABLE accounts (
    id                    INTEGER PRIMARY KEY,
    telegram_user_id      INTEGER NOT NULL UNIQUE,
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
    last_seen_at          INTEGER
);
CREATE INDEX accounts_username ON accounts (username COLLATE NOCASE);

CREATE TABLE plan_cycles (
    id                     INTEGER PRIMARY KEY,
    account_id             INTEGER NOT NULL REFERENCES accounts (id),
    plan                   TEXT    NOT NULL,
    allowance              INTEGER NOT NULL,
    starts_at              INTEGER NOT NULL,
    ends_at                INTEGER NOT NULL,
    -- The payment that started this cycle, and the first charge of its Star subscription
    -- (the id editUserStarSubscription needs to stop renewal).
    payment_charge_id      TEXT,
    subscription_charge_id TEXT,
    renews                 INTEGER NOT NULL DEFAULT 0,
    ended_at               INTEGER,
    end_reason             TEXT
);
CREATE INDEX plan_cycles_account ON plan_cycles (account_id, id);

CREATE TABLE ledger (
    id                INTEGER PRIMARY KEY,
    account_id        INTEGER NOT NULL REFERENCES accounts (id),
    pool              TEXT    NOT NULL CHECK (pool IN ('plan', 'bonus')),
    amount            INTEGER NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN ('signup_grant', 'cycle_grant', 'cycle_expiry',
                          'package_purchase', 'reserve', 'release', 'capture', 'refund',
                          'admin_grant', 'admin_revoke')),
    generation_id     INTEGER,
    payment_charge_id TEXT,
    admin_id          INTEGER,
    cycle_id          INTEGER,
    note              TEXT,
    created_at        INTEGER NOT NULL
);
CREATE INDEX ledger_account ON ledger (account_id, pool);
CREATE INDEX ledger_generation ON ledger (generation_id) WHERE generation_id IS NOT NULL;
-- The sign-up gift exists once per account, whatever races the first updates run.
CREATE UNIQUE INDEX ledger_signup_once ON ledger (account_id) WHERE kind = 'signup_grant';

-- Pools move only through the ledger: the entry and the balance change are one statement, for every
-- process that shares this file.
CREATE TRIGGER ledger_moves_pool AFTER INSERT ON ledger WHEN NEW.amount <> 0
BEGIN
    UPDATE accounts
    SET plan_tokens  = plan_tokens  + CASE WHEN NEW.pool = 'plan'  THEN NEW.amount ELSE 0 END,
        bonus_tokens = bonus_tokens + CASE WHEN NEW.pool = 'bonus' THEN NEW.amount ELSE 0 END
    WHERE id = NEW.account_id;
END;

CREATE TRIGGER ledger_append_only_update BEFORE UPDATE ON ledger
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only');
END;
CREATE TRIGGER ledger_append_only_delete BEFORE DELETE ON ledger
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only');
END;

CREATE TABLE generations (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES accounts (id),
    model_slug       TEXT    NOT NULL,
    category         TEXT    NOT NULL,
    source           TEXT    NOT NULL DEFAULT 'bot' CHECK (source IN ('bot', 'api')),
    chat_id          INTEGER,
    status           TEXT    NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'completed', 'failed', 'canceled')),
    is_async         INTEGER NOT NULL DEFAULT 0,
    price            INTEGER NOT NULL CHECK (price >= 0),
    reserved_plan    INTEGER NOT NULL DEFAULT 0,
    reserved_bonus   INTEGER NOT NULL DEFAULT 0,
    cycle_id         INTEGER,
    options          TEXT    NOT NULL DEFAULT '{}',
    prompt           TEXT,
    provider_job_id  TEXT,
    progress         INTEGER,
    provider_state   TEXT,
    result_text      TEXT,
    result_url       TEXT,
    thumbnail_url    TEXT,
    result_file_id   TEXT,
    result_metadata  TEXT,
    error_kind       TEXT,
    error            TEXT,
    tokens_spent     INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER,
    processing_ms    INTEGER,
    delivered_at     INTEGER
);
CREATE INDEX generations_account ON generations (account_id, id DESC);
CREATE INDEX generations_open ON generations (status, is_async) WHERE status = 'pending';

-- One row per admitted request; removed when its generation fails (the slot is given back).
CREATE TABLE rate_events (
    generation_id INTEGER PRIMARY KEY REFERENCES generations (id),
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    at            INTEGER NOT NULL
);
CREATE INDEX rate_events_window ON rate_events (account_id, at);
