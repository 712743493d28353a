-- When a person paused a script (its missed occurrences are caught up on resume as its misfire policy says),
-- and until when, if the pause ends by itself.
ALTER TABLE script ADD COLUMN paused_at TIMESTAMP(3);
ALTER TABLE script ADD COLUMN paused_until TIMESTAMP(3);
