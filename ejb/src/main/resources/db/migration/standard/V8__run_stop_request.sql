-- A stop asked for on one node for a run on another: the running node sees it and kills the process.
ALTER TABLE run ADD COLUMN stop_requested_at TIMESTAMP(3);
