-- Why the server paused a script by itself (a schedule it cannot compute), shown until the script is saved active.
ALTER TABLE script ADD COLUMN paused_reason VARCHAR(500);
