-- Warm workers: a script may choose how its runs' processes are made (NULL: the node's ses.run.mode),
-- and each run records how its process was made (NULL: it never had one).
ALTER TABLE script ADD COLUMN run_mode VARCHAR(8);
ALTER TABLE run ADD COLUMN process_mode VARCHAR(8);
