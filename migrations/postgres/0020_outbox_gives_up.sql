-- The outbox gives up (issue 28, the Communications page). A message the relay refused for good
-- (a permanent 5xx answer: no such mailbox, domain refused) is marked at once and shown as
-- Bounced; one that failed its tenth attempt is marked too and shown as Failed. Either way the
-- worker no longer claims it (`failed_at IS NOT NULL`) until a coordinator resends it, which
-- clears both columns and its attempts. `bounced`: 0/1, whether the last answer was permanent.
ALTER TABLE outbox ADD COLUMN failed_at BIGINT;
ALTER TABLE outbox ADD COLUMN bounced BIGINT NOT NULL DEFAULT 0 CHECK (bounced IN (0, 1));
