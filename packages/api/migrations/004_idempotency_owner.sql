-- Every claim carries the id of the request that owns it: completing or releasing a claim
-- checks the owner, so a slow request whose abandoned claim was taken over cannot overwrite
-- the new owner's row (its change rolls back with the failed completion).
ALTER TABLE idempotency_keys ADD COLUMN owner text;
