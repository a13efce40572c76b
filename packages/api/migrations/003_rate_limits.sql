-- Rate-limit counters shared by every API node on one PostgreSQL (PGlite counts in process).
-- One row per key: its current window's start, end and count. UNLOGGED: counters are not worth
-- a WAL write per request, and losing them in a crash only restarts the windows.
CREATE UNLOGGED TABLE rate_limits (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  resets_at timestamptz NOT NULL,
  count integer NOT NULL
);
CREATE INDEX rate_limits_resets_at ON rate_limits (resets_at);
