-- The optional username given at email sign-up (api.md §1 register). It lives beside the email login, not in
-- accounts.username: that column is the Telegram @username (refreshed from updates, looked up by admin commands),
-- and an email sign-up must not be able to take a name there.
ALTER TABLE email_logins ADD COLUMN username TEXT;
