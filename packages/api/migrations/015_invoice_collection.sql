-- Renewals that take money: a subscription started by paying (checkout) is invoiced at each
-- renewal, at its trial's end and at a scheduled change, and the invoice is charged to the
-- customer's default method.
ALTER TABLE subscriptions ADD COLUMN collects_payment boolean NOT NULL DEFAULT false;

-- collect_at: when (on the customer's clock) the open invoice is to be charged; NULL once paid
-- or when nothing is scheduled. attempt_id is written and committed before the provider is
-- called and is its idempotency key, so a node that dies after charging leaves an attempt that
-- the next node retries with the same key: the provider answers with the first charge.
ALTER TABLE invoices ADD COLUMN collect_at timestamptz;
ALTER TABLE invoices ADD COLUMN attempt_id text;
ALTER TABLE invoices ADD COLUMN attempt_started_at timestamptz;
ALTER TABLE invoices ADD COLUMN last_payment_error jsonb;
CREATE INDEX invoices_to_collect ON invoices (collect_at, id) WHERE status = 'open' AND collect_at IS NOT NULL;

-- One renewal invoice per subscription and period, whatever runs the renewal.
CREATE UNIQUE INDEX invoices_one_per_period ON invoices (subscription_id, period_start) WHERE billing_reason = 'subscription_cycle';
