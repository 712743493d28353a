-- The data a run was given, so a run's page can show what it changed.
ALTER TABLE run ADD COLUMN data_before TEXT;
