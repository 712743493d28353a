-- A failed environment is built again after a wait that doubles with each failure in a row, the same
-- for every node; its error names the cause first (the index could not be reached, no such version, ...).
ALTER TABLE environment ADD COLUMN failed_builds INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE environment ADD COLUMN next_build_at DATETIME(3);
ALTER TABLE environment ADD COLUMN error VARCHAR(2000);
