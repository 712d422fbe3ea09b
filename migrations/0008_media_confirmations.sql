-- Media requests waiting for the user: a price to confirm, an option or tool to choose, or a second input
-- (style image, face, start frame, inpaint prompt). A row is confirmed at most once (conditional update) and
-- expires 10 minutes after it was created; the confirmed row keeps the request for Retry.
CREATE TABLE media_confirmations (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    chat_id       INTEGER NOT NULL,
    draft         TEXT    NOT NULL,
    awaiting      TEXT,
    price         INTEGER,
    status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'canceled')),
    generation_id INTEGER,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    confirmed_at  INTEGER
);
CREATE INDEX media_confirmations_chat ON media_confirmations (chat_id, account_id, status, id);
CREATE INDEX media_confirmations_generation ON media_confirmations (generation_id);
