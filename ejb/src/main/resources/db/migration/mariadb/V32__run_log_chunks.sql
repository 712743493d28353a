-- A running run's log lines as its node shares them, about every second, so that a page open on another node
-- follows them and a run whose node died keeps the log it had printed. Lines are numbered from 0 as the run
-- printed them; rows go once the run is recorded finished (its whole log is then in run.log_text).
CREATE TABLE run_log_chunk (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    run_id      VARCHAR(36)  NOT NULL,
    first_line  BIGINT       NOT NULL,
    line_count  INT          NOT NULL,
    byte_count  INT          NOT NULL,
    lines_text  LONGTEXT NOT NULL,
    written_at  DATETIME(3) NOT NULL,
    CONSTRAINT run_log_chunk_run_fk FOREIGN KEY (run_id) REFERENCES run (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX run_log_chunk_run ON run_log_chunk (run_id, first_line);
CREATE INDEX run_log_chunk_written ON run_log_chunk (written_at);
