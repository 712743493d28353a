-- Counts changes of a script's data, so that a run finishing after an edit
-- (or after another run) does not overwrite the newer data.
ALTER TABLE script ADD COLUMN data_version BIGINT DEFAULT 0 NOT NULL;
