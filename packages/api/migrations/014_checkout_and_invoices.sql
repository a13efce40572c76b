-- Invoices, numbered without gaps per merchant and mode (the counter row is updated in the
-- transaction that makes the invoice, so a rollback gives its number back).
CREATE TABLE invoice_numbers (
  merchant_id text NOT NULL REFERENCES merchants(id) ON DELETE CASCADE,
  mode text NOT NULL,
  last_number integer NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, mode)
);

CREATE TABLE invoices (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants(id) ON DELETE CASCADE,
  mode text NOT NULL,
  number text NOT NULL,
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  subscription_id text REFERENCES subscriptions(id) ON DELETE SET NULL,
  status text NOT NULL,
  billing_reason text NOT NULL,
  currency text NOT NULL,
  subtotal bigint NOT NULL,
  total bigint NOT NULL,
  amount_due bigint NOT NULL,
  amount_paid bigint NOT NULL DEFAULT 0,
  period_start timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  attempt_count integer NOT NULL DEFAULT 0,
  next_payment_attempt timestamptz,
  provider_payment_id text,
  hosted_token text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  paid_at timestamptz,
  UNIQUE (merchant_id, mode, number)
);
CREATE INDEX invoices_customer ON invoices (customer_id, id);

CREATE TABLE invoice_lines (
  invoice_id text NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  position integer NOT NULL,
  description text NOT NULL,
  amount bigint NOT NULL,
  quantity integer NOT NULL,
  price_id text,
  period_start timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  proration boolean NOT NULL DEFAULT false,
  PRIMARY KEY (invoice_id, position)
);

-- Checkout: a buyer's way to a paid subscription (or to a saved card, in setup mode).
CREATE TABLE checkout_sessions (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants(id) ON DELETE CASCADE,
  mode text NOT NULL,
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  kind text NOT NULL,
  price_id text REFERENCES prices(id),
  status text NOT NULL DEFAULT 'open',
  client_secret text NOT NULL UNIQUE,
  success_url text NOT NULL,
  cancel_url text NOT NULL,
  amount_due bigint NOT NULL,
  currency text,
  trial_days integer NOT NULL DEFAULT 0,
  subscription_id text,
  payment_method_id text,
  attempt_id text,
  attempt_started_at timestamptz,
  attempt_method_id text,
  attempt_payment_id text,
  self_serve boolean NOT NULL DEFAULT false,
  failed_attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  completed_at timestamptz
);
CREATE INDEX checkout_sessions_open ON checkout_sessions (expires_at) WHERE status = 'open';
