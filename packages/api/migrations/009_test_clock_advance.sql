-- A test-clock advance runs in short steps: while it does, the clock says where it is going,
-- and the lease says until when the advancing node vouches for it (a node that died leaves a
-- lease that simply runs out).
ALTER TABLE test_clocks ADD COLUMN advancing_to timestamptz;
ALTER TABLE test_clocks ADD COLUMN advance_lease_until timestamptz;
