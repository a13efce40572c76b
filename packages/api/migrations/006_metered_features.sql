-- Metered features: a product's features with their type and limit, and the usage counted
-- against them, one counter per subscription, feature and period.
ALTER TABLE products ADD COLUMN features jsonb NOT NULL DEFAULT '[]';
UPDATE products SET features = COALESCE(
  (SELECT jsonb_agg(jsonb_build_object('key', key, 'type', 'boolean') ORDER BY position)
   FROM jsonb_array_elements_text(feature_keys) WITH ORDINALITY AS keys(key, position)),
  '[]');

-- period_start is the subscription period the usage counts in (1970-01-01 for a feature that
-- never resets), so a renewal starts a fresh row instead of a job resetting the old one.
CREATE TABLE feature_usage (
  subscription_id text NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  feature_key text NOT NULL,
  period_start timestamptz NOT NULL,
  usage bigint NOT NULL DEFAULT 0,
  limit_reached_at timestamptz,
  PRIMARY KEY (subscription_id, feature_key, period_start)
);
