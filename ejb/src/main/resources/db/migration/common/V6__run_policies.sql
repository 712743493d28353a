-- Per-script guard-rails and policies; defaults keep existing scripts as they were.
ALTER TABLE script ADD COLUMN timeout_seconds BIGINT;
ALTER TABLE script ADD COLUMN allow_network BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE script ADD COLUMN overlap_policy VARCHAR(16) DEFAULT 'SKIP' NOT NULL;
ALTER TABLE script ADD COLUMN misfire_policy VARCHAR(16) DEFAULT 'FIRE_ONCE' NOT NULL;
ALTER TABLE script ADD COLUMN retry_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE script ADD COLUMN retry_backoff_seconds BIGINT;

-- Retries are runs of their own, linked to the run they retry.
ALTER TABLE run ADD COLUMN attempt INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE run ADD COLUMN retry_of VARCHAR(36);
