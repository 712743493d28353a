-- The order entries were written in, filled by the database: two entries of one action share a millisecond
-- (a rollback is also an update), and their random ids cannot say which came first. Existing rows are numbered too.
ALTER TABLE audit_entry ADD COLUMN seq BIGINT NOT NULL AUTO_INCREMENT UNIQUE;
