-- Tags: a script's labels, kept as ",db,etl," so that a list filters with LIKE. A tag may have a limit on how many
-- runs of scripts carrying it run at once on the whole cluster: tag_limit counts the runs holding one of its slots
-- (a slot is taken by a conditional update when a run begins and given back in the transaction that ends it; the
-- run remembers which it holds in tag_slots). A run that finds no slot waits (WAITING), saying for which tag.
ALTER TABLE script ADD COLUMN tags VARCHAR(1000);
CREATE TABLE tag_limit (
    tag          VARCHAR(40)  NOT NULL PRIMARY KEY,
    max_running  INT,
    running      INT          NOT NULL,
    updated_at   DATETIME(3)  NOT NULL,
    updated_by   VARCHAR(100) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
ALTER TABLE run ADD COLUMN waiting_for VARCHAR(40);
ALTER TABLE run ADD COLUMN tag_slots VARCHAR(1000);
CREATE INDEX run_waiting_for ON run (waiting_for);
