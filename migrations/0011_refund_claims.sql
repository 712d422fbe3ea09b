-- A package refund that finds part of the package reserved by pending requests claims those tokens: when the
-- request is released they pay the refund instead of returning to the pool; when it is captured they were spent.
CREATE TABLE refund_claims (
    generation_id INTEGER PRIMARY KEY REFERENCES generations (id),
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    charge_id     TEXT    NOT NULL,
    tokens        INTEGER NOT NULL CHECK (tokens > 0)
);
