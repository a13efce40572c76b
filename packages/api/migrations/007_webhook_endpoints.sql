-- Webhook endpoints per merchant and mode, one delivery per (endpoint, event), every attempt kept.
-- Secrets are stored as given (they must be recoverable to sign deliveries); encrypting them at
-- rest is left to the storage layer (disk or database encryption).
CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants(id) ON DELETE CASCADE,
  mode text NOT NULL,
  url text NOT NULL,
  description text,
  enabled_events jsonb NOT NULL,
  secret text NOT NULL,
  -- The secret a rotation replaced: deliveries carry its signature too until it expires.
  previous_secret text,
  previous_secret_expires_at timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  disabled_reason text,
  -- The first failure since the last success: ~3 days of failures disable the endpoint.
  failing_since timestamptz,
  -- 'env' for the endpoint BILLINGOS_WEBHOOK_URL keeps up to date at start.
  source text NOT NULL DEFAULT 'api',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_merchant ON webhook_endpoints (merchant_id, mode, id);
CREATE UNIQUE INDEX webhook_endpoints_env ON webhook_endpoints (merchant_id, mode) WHERE source = 'env';

-- When the event was written, on the database's clock (created_at may be a test clock's time):
-- what the event stream polls.
ALTER TABLE webhook_events ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT clock_timestamp();
CREATE INDEX webhook_events_merchant ON webhook_events (merchant_id, mode, id);
CREATE INDEX webhook_events_recorded ON webhook_events (merchant_id, mode, recorded_at);
-- Delivery moved to webhook_deliveries: the outbox's own retry state is no longer read.
DROP INDEX webhook_events_pending;

CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  endpoint_id text NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event_id text NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
  -- Every attempt ever made (numbers the attempts); run_attempts restarts with a redelivery.
  attempts integer NOT NULL DEFAULT 0,
  run_attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  given_up_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (event_id) WHERE delivered_at IS NULL AND given_up_at IS NULL;

CREATE TABLE webhook_delivery_attempts (
  id text PRIMARY KEY,
  delivery_id text NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  endpoint_id text NOT NULL,
  event_id text NOT NULL,
  attempt integer NOT NULL,
  response_status integer,
  duration_ms integer NOT NULL,
  error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_delivery_attempts_endpoint ON webhook_delivery_attempts (endpoint_id, id);
