-- A node renews the lease of its queued and running runs; another node takes
-- runs whose lease ran out for runs of a dead node and marks them INTERRUPTED.
ALTER TABLE run ADD COLUMN lease_until TIMESTAMP(3);
CREATE INDEX run_status_lease ON run (status, lease_until);
