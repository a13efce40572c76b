-- Fair webhook delivery: an endpoint has at most one delivery in flight across all nodes. The
-- claim leases the endpoint (delivery_lease: the claim's token, until delivery_lease_until);
-- recording the attempt clears the token. A node that dies leaves a lease that simply runs
-- out. delivery_lease_until stays after the release: the endpoint served least recently goes first.
ALTER TABLE webhook_endpoints ADD COLUMN delivery_lease text;
ALTER TABLE webhook_endpoints ADD COLUMN delivery_lease_until timestamptz;

-- The claim asks, per endpoint, whether a delivery is due, then takes its oldest due one.
DROP INDEX webhook_deliveries_pending;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (endpoint_id, next_attempt_at) WHERE delivered_at IS NULL AND given_up_at IS NULL;
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (endpoint_id, event_id) WHERE delivered_at IS NULL AND given_up_at IS NULL;
