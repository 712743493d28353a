-- Who asked for a run (the caller of a manual or forced run; a retry keeps its first try's), so that
-- a node's run quotas per user can count it; NULL for scheduled runs, which count for the script's creator.
ALTER TABLE run ADD COLUMN requested_by VARCHAR(100);
