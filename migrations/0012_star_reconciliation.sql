-- How far the bot's Telegram Star transaction history (getStarTransactions, oldest first) has been reconciled.
CREATE TABLE star_reconciliation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    next_offset INTEGER NOT NULL
);
