-- When a failed run's retry is due: kept with the run, so that a retry pending when its node stopped is made
-- after the restart or by another node (every node looks for due ones); cleared by whoever makes it.
ALTER TABLE run ADD COLUMN retry_due_at TIMESTAMP(3);
CREATE INDEX run_retry_due ON run (retry_due_at);
