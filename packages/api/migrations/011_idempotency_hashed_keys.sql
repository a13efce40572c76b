-- Idempotency keys are stored as their SHA-256 (responses are sealed with the key itself), so
-- existing rows are re-keyed the same way; their plain responses replay until they expire.
UPDATE idempotency_keys SET key = encode(sha256(convert_to(key, 'UTF8')), 'hex');
