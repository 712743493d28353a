-- Incidents: a schedule that went quiet (OVERDUE: no success for longer than the script expects), an occurrence
-- that did not start in time (LATE), a run going on for too long (SLOW). open_slot is "<script>:<kind>" while an
-- incident is open and NULL once it is resolved: one open incident of a kind per script, however many nodes see it.
ALTER TABLE script ADD COLUMN warn_after_seconds BIGINT;
ALTER TABLE script ADD COLUMN overdue_after_seconds BIGINT;
CREATE TABLE incident (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    script_id    VARCHAR(36)   NOT NULL,
    kind         VARCHAR(16)   NOT NULL,
    open_slot    VARCHAR(64),
    run_id       VARCHAR(36),
    opened_at    DATETIME(3)  NOT NULL,
    resolved_at  DATETIME(3),
    detail       VARCHAR(1000) NOT NULL,
    resolution   VARCHAR(1000),
    node_name    VARCHAR(100)  NOT NULL,
    CONSTRAINT incident_script_fk FOREIGN KEY (script_id) REFERENCES script (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE UNIQUE INDEX incident_open ON incident (open_slot);
CREATE INDEX incident_script ON incident (script_id, opened_at);
-- an incident's notifications are deliveries too: of the incident, with its run where it has one
ALTER TABLE webhook_delivery MODIFY run_id VARCHAR(36) NULL;
ALTER TABLE webhook_delivery ADD COLUMN incident_id VARCHAR(36);
