-- Usage of a feature that never resets belongs to the customer, not to one subscription:
-- canceling and subscribing again must not give the allowance back.
CREATE TABLE customer_feature_usage (
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  feature_key text NOT NULL,
  usage bigint NOT NULL DEFAULT 0,
  limit_reached_at timestamptz,
  PRIMARY KEY (customer_id, feature_key)
);

-- Lifetime counters so far were kept per subscription (period 1970-01-01): each customer's add up.
INSERT INTO customer_feature_usage (customer_id, feature_key, usage, limit_reached_at)
SELECT s.customer_id, u.feature_key, sum(u.usage), max(u.limit_reached_at)
FROM feature_usage u JOIN subscriptions s ON s.id = u.subscription_id
WHERE u.period_start = '1970-01-01T00:00:00Z'
GROUP BY s.customer_id, u.feature_key;

DELETE FROM feature_usage WHERE period_start = '1970-01-01T00:00:00Z';
