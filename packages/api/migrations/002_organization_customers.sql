-- B2B: a customer is a user's own (external_user_id) or an organization's (external_organization_id),
-- never both; an organization's customer is shared by its members and names none of them.
ALTER TABLE customers ALTER COLUMN external_user_id DROP NOT NULL;

-- Existing rows. Until now a mint with externalOrganizationId upserted the *user's* customer and
-- labelled it with the organization last named, so an organization could have one customer per
-- member, and every customer carrying an organization id is billing done in that organization.
-- For each (merchant, mode, organization) among those customers:
--   1. the oldest (created_at, then id) becomes the organization's customer: it keeps its id, email,
--      name, metadata and subscriptions, and its external_user_id is cleared (that user gets a new
--      customer of their own on their next mint without an organization);
--   2. the subscriptions of the organization's other customers move to it (updated_at set), so
--      every member's token sees all of them on /v1/me/subscriptions and /v1/me/entitlements;
--   3. those other customers stay their users' own customers, organization cleared, so their ids
--      still resolve with a secret key.
-- Nothing is deleted. Tokens minted before this migration still name the customer they were
-- minted for until they expire (at most 24 h); a new mint names the organization's customer.
CREATE TEMPORARY TABLE organization_customer_map ON COMMIT DROP AS
SELECT id AS customer_id,
       first_value(id) OVER (PARTITION BY merchant_id, mode, external_organization_id ORDER BY created_at, id) AS organization_customer_id
FROM customers
WHERE external_organization_id IS NOT NULL;

UPDATE subscriptions s
SET customer_id = m.organization_customer_id, updated_at = now()
FROM organization_customer_map m
WHERE s.customer_id = m.customer_id AND m.customer_id <> m.organization_customer_id;

UPDATE customers c
SET external_organization_id = NULL, updated_at = now()
FROM organization_customer_map m
WHERE c.id = m.customer_id AND m.customer_id <> m.organization_customer_id;

UPDATE customers
SET external_user_id = NULL, updated_at = now()
WHERE external_organization_id IS NOT NULL;

ALTER TABLE customers ADD CONSTRAINT customers_one_owner
  CHECK ((external_user_id IS NULL) <> (external_organization_id IS NULL));

-- One customer per (merchant, mode, organization): concurrent first mints of two members race on
-- it with ON CONFLICT DO NOTHING, as users' first mints do on customers_external_user.
CREATE UNIQUE INDEX customers_external_organization ON customers (merchant_id, mode, external_organization_id);
