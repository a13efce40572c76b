-- A checkout the API runs itself when a signed-in customer subscribes to a paid price with the
-- card on file ('saved_method'): its row is the durable record of the charge attempt, resumed
-- (with the same idempotency key) by the next such request if one died mid-charge.
ALTER TABLE checkout_sessions ADD COLUMN origin text NOT NULL DEFAULT 'checkout';
CREATE INDEX checkout_sessions_saved_method ON checkout_sessions (customer_id, price_id) WHERE origin = 'saved_method' AND status = 'open';
-- What a secret-key subscribe asked for beyond the price (its own trial length, metadata), for
-- the subscription that checkout creates once paid.
ALTER TABLE checkout_sessions ADD COLUMN subscription_metadata jsonb;
