CREATE TABLE script (
    id                VARCHAR(36)   NOT NULL PRIMARY KEY,
    name              VARCHAR(100)  NOT NULL,
    description       VARCHAR(2000),
    active            BOOLEAN       NOT NULL,
    main_code         TEXT          NOT NULL,
    trigger_code      TEXT,
    requirements      TEXT,
    schedule_kind     VARCHAR(16)   NOT NULL,
    schedule_every    VARCHAR(64),
    schedule_start_at TIMESTAMP(3),
    schedule_cron     VARCHAR(200),
    schedule_timezone VARCHAR(64),
    data_json         TEXT          NOT NULL,
    created_at        TIMESTAMP(3)  NOT NULL,
    updated_at        TIMESTAMP(3)  NOT NULL,
    next_fire_at      TIMESTAMP(3),
    last_run_id       VARCHAR(36),
    last_run_status   VARCHAR(16),
    last_run_outcome  VARCHAR(16),
    last_run_started  TIMESTAMP(3),
    last_run_finished TIMESTAMP(3),
    version           BIGINT        NOT NULL,
    CONSTRAINT script_name_unique UNIQUE (name)
);

CREATE TABLE run (
    id                VARCHAR(36)   NOT NULL PRIMARY KEY,
    script_id         VARCHAR(36)   NOT NULL,
    trigger_kind      VARCHAR(16)   NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    outcome           VARCHAR(16),
    scheduled_for     TIMESTAMP(3),
    queued_at         TIMESTAMP(3)  NOT NULL,
    started_at        TIMESTAMP(3),
    finished_at       TIMESTAMP(3),
    exit_code         INTEGER,
    node_name         VARCHAR(255)  NOT NULL,
    job_execution_id  BIGINT,
    error             VARCHAR(4000),
    log_text          TEXT,
    data_after        TEXT,
    CONSTRAINT run_script_fk FOREIGN KEY (script_id) REFERENCES script (id) ON DELETE CASCADE,
    CONSTRAINT run_occurrence_unique UNIQUE (script_id, scheduled_for)
);

CREATE INDEX run_script_queued ON run (script_id, queued_at);
CREATE INDEX run_status_node ON run (status, node_name);
CREATE INDEX script_next_fire ON script (active, next_fire_at);
