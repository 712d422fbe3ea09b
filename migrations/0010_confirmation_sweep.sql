-- The scheduler's sweep tries a payment's missing confirmation once: the time it claimed the attempt.
ALTER TABLE payments ADD COLUMN confirmation_swept_at INTEGER;
