-- Growth (product.md §14): referral codes, referrals, the bonuses each payment caused, promo codes and redemptions.
-- One opaque code per account: random, never derived from the id.
CREATE TABLE referral_codes (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
    code       TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

-- Written only in the transaction that creates the referral's account, so an existing account never becomes one.
CREATE TABLE referrals (
    referral_account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
    inviter_account_id  INTEGER NOT NULL REFERENCES accounts (id),
    created_at          INTEGER NOT NULL,
    notified_at         INTEGER,
    CHECK (referral_account_id <> inviter_account_id)
);
CREATE INDEX referrals_inviter ON referrals (inviter_account_id);

-- One row per bonus a payment caused: the inviter's share and the referral's first-payment gift (once per account).
CREATE TABLE referral_rewards (
    id              INTEGER PRIMARY KEY,
    charge_id       TEXT    NOT NULL,
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    role            TEXT    NOT NULL CHECK (role IN ('inviter', 'first_payment')),
    tokens          INTEGER NOT NULL CHECK (tokens > 0),
    reversed_tokens INTEGER,
    reversed_at     INTEGER,
    notified_at     INTEGER,
    created_at      INTEGER NOT NULL,
    UNIQUE (charge_id, role)
);
CREATE UNIQUE INDEX referral_first_payment_once ON referral_rewards (account_id) WHERE role = 'first_payment';
CREATE INDEX referral_rewards_account ON referral_rewards (account_id);

-- Codes are stored upper-case; `uses <= max_uses` is the last line of defence behind the conditional update.
CREATE TABLE promo_codes (
    code       TEXT    PRIMARY KEY,
    tokens     INTEGER NOT NULL CHECK (tokens > 0),
    max_uses   INTEGER NOT NULL CHECK (max_uses > 0),
    uses       INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
    expires_at INTEGER NOT NULL,
    ended_at   INTEGER,
    created_by INTEGER,
    created_at INTEGER NOT NULL
);

CREATE TABLE promo_redemptions (
    code       TEXT    NOT NULL REFERENCES promo_codes (code),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    tokens     INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (code, account_id)
);
