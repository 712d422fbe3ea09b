-- Orders (one per invoice), payments (one per Telegram charge, the unique key of fulfilment),
-- and what a plan replacement still owes Telegram (a subscription to stop renewing).

CREATE TABLE orders (
    id            TEXT    PRIMARY KEY,            -- the invoice payload
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('plan', 'package')),
    product_code  TEXT    NOT NULL,
    stars         INTEGER NOT NULL CHECK (stars > 0),
    currency      TEXT    NOT NULL DEFAULT 'XTR',
    status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'refunded')),
    invoice_link  TEXT,
    created_at    INTEGER NOT NULL,
    paid_at       INTEGER
);
CREATE INDEX orders_account ON orders (account_id, created_at DESC);

CREATE TABLE payments (
    id                           INTEGER PRIMARY KEY,
    telegram_payment_charge_id   TEXT    NOT NULL UNIQUE,
    provider_payment_charge_id   TEXT,
    order_id                     TEXT    NOT NULL,
    account_id                   INTEGER NOT NULL REFERENCES accounts (id),
    kind                         TEXT    NOT NULL,
    product_code                 TEXT    NOT NULL,
    stars                        INTEGER NOT NULL,
    currency                     TEXT    NOT NULL,
    is_recurring                 INTEGER NOT NULL DEFAULT 0,
    is_first_recurring           INTEGER NOT NULL DEFAULT 0,
    subscription_charge_id       TEXT,            -- first charge of the subscription this payment belongs to
    subscription_expiration_date INTEGER,
    cycle_id                     INTEGER,
    tokens_credited              INTEGER NOT NULL DEFAULT 0,
    status                       TEXT    NOT NULL DEFAULT 'fulfilled' CHECK (status IN ('fulfilled', 'unmatched', 'refunded')),
    created_at                   INTEGER NOT NULL,
    confirmation_sent_at         INTEGER,
    refunded_at                  INTEGER,
    refund_tokens_taken          INTEGER,
    refund_note                  TEXT
);
CREATE INDEX payments_account ON payments (account_id, id DESC);
CREATE INDEX payments_order ON payments (order_id);

-- A replaced plan's Star subscription must be told not to renew; kept until Telegram confirms.
ALTER TABLE plan_cycles ADD COLUMN cancel_requested_at INTEGER;
ALTER TABLE plan_cycles ADD COLUMN canceled_at INTEGER;
