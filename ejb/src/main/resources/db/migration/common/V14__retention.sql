-- A script's own retention (NULL: the server's ses.retention.* defaults): how many finished runs
-- to keep, and for how many days; 0 means no limit of that kind.
ALTER TABLE script ADD COLUMN keep_runs INTEGER;
ALTER TABLE script ADD COLUMN keep_days INTEGER;
