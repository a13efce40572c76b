-- Time: test clocks, the customers that run on them, and what the lifecycle worker needs to
-- find the next due transition of each subscription without reading every row.
CREATE TABLE test_clocks (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants(id) ON DELETE CASCADE,
  mode text NOT NULL,
  name text,
  frozen_time timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX test_clocks_merchant ON test_clocks (merchant_id, mode, id);

ALTER TABLE customers ADD COLUMN test_clock_id text REFERENCES test_clocks(id) ON DELETE CASCADE;

-- A subscription's clock is its customer's (which never changes): copied so that the worker's
-- index needs no join.
ALTER TABLE subscriptions ADD COLUMN test_clock_id text;
ALTER TABLE subscriptions ADD COLUMN scheduled_price_id text REFERENCES prices(id);
ALTER TABLE subscriptions ADD COLUMN billing_cycle_anchor timestamptz;
ALTER TABLE subscriptions ADD COLUMN trial_will_end_sent boolean NOT NULL DEFAULT false;
ALTER TABLE subscriptions ADD COLUMN due_at timestamptz;

-- Subscriptions made before this migration: no retroactive trial_will_end, next transition at period end.
UPDATE subscriptions SET trial_will_end_sent = true,
  billing_cycle_anchor = COALESCE(trial_end, current_period_start),
  due_at = CASE WHEN status = 'canceled' THEN NULL ELSE current_period_end END;

CREATE INDEX subscriptions_due ON subscriptions (due_at) WHERE due_at IS NOT NULL AND test_clock_id IS NULL;
CREATE INDEX subscriptions_clock_due ON subscriptions (test_clock_id, due_at) WHERE test_clock_id IS NOT NULL;

ALTER TABLE webhook_events ADD COLUMN previous_attributes jsonb;
