-- migration: foreign_keys off
-- Growth (product.md §14): two more ledger kinds, `referral_bonus` and `promo`. The kind list is a CHECK
-- constraint, which SQLite cannot alter in place: the append-only ledger is rebuilt as 0013 rebuilt accounts
-- (its guards dropped for the copy and recreated after it, every row kept with its id).
DROP TRIGGER ledger_moves_pool;
DROP TRIGGER ledger_append_only_update;
DROP TRIGGER ledger_append_only_delete;

CREATE TABLE ledger_new (
    id                INTEGER PRIMARY KEY,
    account_id        INTEGER NOT NULL REFERENCES accounts (id),
    pool              TEXT    NOT NULL CHECK (pool IN ('plan', 'bonus')),
    amount            INTEGER NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN ('signup_grant', 'cycle_grant', 'cycle_expiry',
                          'package_purchase', 'reserve', 'release', 'capture', 'refund',
                          'admin_grant', 'admin_revoke', 'referral_bonus', 'promo')),
    generation_id     INTEGER,
    payment_charge_id TEXT,
    admin_id          INTEGER,
    cycle_id          INTEGER,
    note              TEXT,
    created_at        INTEGER NOT NULL
);
INSERT INTO ledger_new (id, account_id, pool, amount, kind, generation_id, payment_charge_id, admin_id, cycle_id, note, created_at)
SELECT id, account_id, pool, amount, kind, generation_id, payment_charge_id, admin_id, cycle_id, note, created_at FROM ledger;
DROP TABLE ledger;
ALTER TABLE ledger_new RENAME TO ledger;
CREATE INDEX ledger_account ON ledger (account_id, pool);
CREATE INDEX ledger_generation ON ledger (generation_id) WHERE generation_id IS NOT NULL;
-- The sign-up gift exists once per account, whatever races the first updates run.
CREATE UNIQUE INDEX ledger_signup_once ON ledger (account_id) WHERE kind = 'signup_grant';

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
