-- A script's history filtered by outcome, and everyone's runs newest first (the dashboard's Runs page), read
-- page by page from an index instead of sorting the whole history for each page.
CREATE INDEX run_script_outcome_queued ON run (script_id, outcome, queued_at);
CREATE INDEX run_queued ON run (queued_at);
