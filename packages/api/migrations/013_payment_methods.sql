-- Payment methods: what the provider keeps for a customer, as far as BillingOS may know it
-- (brand, last4, expiry; never the number). One default per customer.
CREATE TABLE payment_methods (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants(id) ON DELETE CASCADE,
  mode text NOT NULL,
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  provider text NOT NULL,
  provider_method_id text NOT NULL,
  brand text NOT NULL,
  last4 text NOT NULL,
  exp_month integer NOT NULL,
  exp_year integer NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_methods_customer ON payment_methods (customer_id, id);
CREATE UNIQUE INDEX payment_methods_one_default ON payment_methods (customer_id) WHERE is_default;

-- The built-in test provider's own side: its methods and payments, as a real provider keeps them.
CREATE TABLE test_provider_methods (
  id text PRIMARY KEY,
  behaviour text NOT NULL,
  brand text NOT NULL,
  last4 text NOT NULL,
  exp_month integer NOT NULL,
  exp_year integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE test_provider_payments (
  id text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  method_id text NOT NULL REFERENCES test_provider_methods(id),
  amount bigint NOT NULL,
  currency text NOT NULL,
  status text NOT NULL,
  failure jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX test_provider_payments_method ON test_provider_payments (method_id);
