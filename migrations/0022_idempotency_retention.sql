-- Idempotency keys are kept for a retention period (IdempotencyKeys.Retention) and then pruned by the cycle jobs;
-- the index keeps that delete a range scan instead of a walk over every key ever recorded.
CREATE INDEX api_idempotency_created ON api_idempotency (created_at);
