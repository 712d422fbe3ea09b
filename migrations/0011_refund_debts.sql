-- A package refund that finds part of the package held by pending requests keeps the rest as a debt: tokens those
-- requests give back when released pay it first (oldest debt first); only requests that existed at the refund
-- (id up to last_generation_id) do.
CREATE TABLE refund_debts (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    charge_id  TEXT    NOT NULL,
    remaining  INTEGER NOT NULL CHECK (remaining >= 0),
    last_generation_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX refund_debts_open ON refund_debts (account_id, id) WHERE remaining > 0;
