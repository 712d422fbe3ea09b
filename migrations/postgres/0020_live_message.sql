-- The message a group answer is streamed into: if the answering instance dies, recovery edits it into the
-- "interrupted" notice instead of leaving "Thinking…" behind and sending a second message.
ALTER TABLE generations ADD COLUMN live_message_id BIGINT;
