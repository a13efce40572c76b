-- The legacy publishable-key view names a customer by a guessable header: in live mode that
-- would show real customers' data to anyone holding the public key. Off in live mode unless a
-- merchant turns it on there by name; test mode keeps its setting.
ALTER TABLE merchants ADD COLUMN legacy_publishable_view_live boolean NOT NULL DEFAULT false;
